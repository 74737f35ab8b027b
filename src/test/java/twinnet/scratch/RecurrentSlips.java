package twinnet.scratch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import twinnet.model.Matrix;

/** The notebook's usual slips as sequence backward passes, for the tests that show a harness catching them. */
public final class RecurrentSlips {
  private RecurrentSlips() {}

  /**
   * lstm_backward with the forget gate's derivative through c_next (dft = dc · c_next · ft(1 − ft)): the caches'
   * c_prev replaced by c_next is exactly that slip (c_prev is read nowhere else in the cell's backward).
   */
  public static CharModel.SequenceBackward dftThroughCNext() {
    return (da, forward) -> {
      Recurrent.LstmForward f = (Recurrent.LstmForward) forward;
      List<Recurrent.LstmCache> caches = new ArrayList<>();
      for (Recurrent.LstmCache k : f.caches()) {
        caches.add(new Recurrent.LstmCache(k.a_next(), k.c_next(), k.a_prev(), k.c_next(), k.ft(), k.it(), k.cct(),
            k.ot(), k.xt(), k.parameters()));
      }
      return CharModel.COURSE_BACKWARD.backward(da, new Recurrent.LstmForward(f.a(), f.y(), f.c(), caches, f.x()));
    };
  }

  /** rnn_backward with tanh′ written 1 − a, or with da_prevt left out (each step given da[:, :, t] alone). */
  public static CharModel.SequenceBackward rnnBackward(boolean tanhPrimeAsOneMinusA, boolean withoutDaPrevt) {
    return (da, forward) -> {
      Recurrent.RnnForward f = (Recurrent.RnnForward) forward;
      Recurrent.RnnParameters p = f.caches().get(0).parameters();
      int T = da.size();
      Matrix[] dx = new Matrix[T];
      Matrix dWax = Matrix.zeros(p.Wax().rows(), p.Wax().cols());
      Matrix dWaa = Matrix.zeros(p.Waa().rows(), p.Waa().cols());
      Matrix dba = Matrix.zeros(p.ba().rows(), 1);
      Matrix daPrevt = Matrix.zeros(da.get(0).rows(), da.get(0).cols());
      for (int t = T - 1; t >= 0; t--) {
        Recurrent.RnnCache cache = f.caches().get(t);
        Matrix daNext = withoutDaPrevt ? da.get(t) : da.get(t).plus(daPrevt);
        Matrix dz = cache.a_next().map(a -> tanhPrimeAsOneMinusA ? 1 - a : 1 - a * a).times(daNext);
        dx[t] = p.Wax().transpose().dot(dz);
        dWax = dWax.plus(dz.dot(cache.xt().transpose()));
        dWaa = dWaa.plus(dz.dot(cache.a_prev().transpose()));
        dba = dba.plus(dz.sumColumns());
        daPrevt = p.Waa().transpose().dot(dz);
      }
      Map<String, Object> g = new LinkedHashMap<>();
      g.put("dx", List.of(dx));
      g.put("dWax", dWax);
      g.put("dWaa", dWaa);
      g.put("dba", dba);
      return g;
    };
  }
}
