namespace Parley.Reports.Html;

/// <summary>The report's inline stylesheet: readable on screen, and on paper (no section split across pages where it can be helped, links printed).</summary>
internal static class ReportStyle
{
    /// <summary>The CSS.</summary>
    public const string Css = """
        :root { color-scheme: light; }
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #222; margin: 0 auto; max-width: 980px; padding: 24px; line-height: 1.45; }
        h1 { font-size: 1.7em; margin: 0 0 4px; }
        h2 { font-size: 1.3em; border-bottom: 2px solid #4292c6; padding-bottom: 3px; margin-top: 32px; }
        h3 { font-size: 1.05em; margin: 20px 0 6px; }
        .meta { color: #555; font-size: 0.9em; margin: 2px 0; }
        table { border-collapse: collapse; width: 100%; margin: 8px 0 12px; font-size: 0.88em; }
        th, td { border-bottom: 1px solid #ddd; padding: 4px 6px; text-align: left; vertical-align: top; }
        th { background: #f3f6f9; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .reading { font-size: 1.02em; }
        .flag { display: inline-block; background: #fdebd0; color: #7a4a00; border-radius: 3px; padding: 0 5px; margin-right: 3px; font-size: 0.85em; }
        .rationale { color: #444; font-size: 0.92em; }
        .anchors { font-size: 0.88em; color: #444; margin: 4px 0 8px 18px; padding: 0; }
        svg.chart { display: block; max-width: 100%; height: auto; margin: 6px 0; font-family: inherit; }
        .whatif { background: #eef6ee; border-left: 4px solid #2ca02c; padding: 6px 10px; }
        footer { margin-top: 40px; color: #666; font-size: 0.85em; border-top: 1px solid #ccc; padding-top: 8px; }
        section.issue, section.advice { break-inside: auto; }
        @media print {
          body { max-width: none; padding: 0; font-size: 10.5pt; }
          h2 { break-after: avoid; }
          h3 { break-after: avoid; }
          svg.chart, table, figure { break-inside: avoid; }
          section.issue { break-before: page; }
          a { color: inherit; text-decoration: none; }
        }
        """;
}
