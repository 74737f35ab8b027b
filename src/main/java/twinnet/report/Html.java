package twinnet.report;

import java.util.Base64;
import java.util.List;

/** Small helpers for self-contained HTML pages (no external assets: images are inlined). */
final class Html {
  private Html() {}

  static final String STYLE = """
      <style>
      body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:1060px;margin:2em auto;padding:0 1em;color:#222}
      h1{font-size:1.6em} h2{font-size:1.25em;margin-top:1.8em;border-bottom:1px solid #ddd}
      table{border-collapse:collapse;margin:.6em 0;font-size:.92em} td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}
      th{background:#f3f3f3} td.l,th.l{text-align:left}
      .agree{color:#176b2c;font-weight:bold} .disagree{color:#b3261e;font-weight:bold} .diverged{color:#a05a00;font-weight:bold}
      .ok{color:#176b2c} .bad{color:#b3261e;font-weight:bold}
      pre{background:#f7f7f7;padding:.8em;overflow:auto;font-size:.85em} img{max-width:100%}
      .note{background:#fff8e1;border-left:4px solid #f0b400;padding:.5em .8em}
      </style>
      """;

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  static String img(byte[] png, String alt) {
    return "<img alt=\"" + esc(alt) + "\" src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(png)
        + "\">";
  }

  static String list(List<String> items) {
    StringBuilder sb = new StringBuilder("<ul>");
    for (String s : items) {
      sb.append("<li>").append(esc(s)).append("</li>");
    }
    return sb.append("</ul>").toString();
  }

  static String statusClass(String status) {
    return switch (status) {
      case "agree" -> "agree";
      case "disagree" -> "disagree";
      default -> "diverged";
    };
  }

  static String num(double v) {
    if (!Double.isFinite(v)) {
      return String.valueOf(v);
    }
    return String.format("%.6g", v);
  }

  static String sci(double v) {
    return Double.isFinite(v) ? String.format("%.2e", v) : String.valueOf(v);
  }
}
