package twinnet.cli;

import twinnet.model.Activation;
import twinnet.model.Initializer;
import twinnet.model.Loss;

/** picocli converters of the model's names: a bad value is picocli's message for a bad option value. */
final class Converters {
  private Converters() {}

  /** Turns a parse error into picocli's message for a bad option value (no exception class in it). */
  private static <T> T parse(java.util.function.Supplier<T> parser) {
    try {
      return parser.get();
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.TypeConversionException(e.getMessage());
    }
  }

  static final class ActivationConverter implements picocli.CommandLine.ITypeConverter<Activation> {
    @Override
    public Activation convert(String value) {
      return parse(() -> Activation.parse(value));
    }
  }

  static final class LossConverter implements picocli.CommandLine.ITypeConverter<Loss> {
    @Override
    public Loss convert(String value) {
      return parse(() -> Loss.parse(value));
    }
  }

  static final class InitConverter implements picocli.CommandLine.ITypeConverter<Initializer> {
    @Override
    public Initializer convert(String value) {
      return parse(() -> Initializer.parse(value));
    }
  }
}
