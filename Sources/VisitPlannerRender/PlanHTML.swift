import Foundation
import Mustache
import VisitPlannerCore
import VisitPlannerWriters

/// `plan.html`: the plan on one self-contained page, for a browser or for printing on A4
/// landscape: the budget bar and the year timeline as inline SVG, then the tables of `plan.md`.
///
/// No scripts, no fonts, no external resources. Data reaches the page only through `{{…}}`,
/// which the templates' content type escapes with `Escape.html` (the one HTML escaper: it
/// also neutralises control and bidi characters, which Mustache's own HTML escaping keeps);
/// the only `{{{…}}}` are the SVGs, which `PlanGraphics` builds with every string already
/// escaped by `Escape.xml`.
public enum PlanHTML {
    public static func render(_ doc: PlanDocument) -> String {
        let index = PlanIndex(doc)
        let report = PlanReport(index)
        var sections: [[String: Any]] = []
        func section(
            _ title: String, paragraphs: [String] = [], tables: [ReportTable] = [],
            headedTables: [(String, String, ReportTable)] = [], after: String? = nil
        ) {
            var s: [String: Any] = [
                "title": title,
                "paragraphs": paragraphs,
                "tables": tables.map { ["table": context($0)] }
                    + headedTables.map {
                        ["heading": $0.0, "summary": $0.1, "table": context($0.2)] as [String: Any]
                    },
            ]
            if let after { s["after"] = after }
            sections.append(s)
        }
        if report.months.rows.isEmpty {
            section("Visits by month", paragraphs: ["No trips are planned."])
        } else {
            section("Visits by month", tables: [report.months], after: "* the stay falls inside one of the operation's preferred windows.")
        }
        if let spread = report.spread {
            section("Spread of the work", paragraphs: report.spreadSummary, tables: [spread])
        }
        if !report.lateRequests.isEmpty {
            section("Requests needing a justification", paragraphs: report.lateRequests)
        }
        section(
            "Trips by manager", headedTables: report.managers.map { ($0.heading, $0.summary, $0.table) },
            after: report.notTravelling.isEmpty ? nil : "Not travelling: " + report.notTravelling.joined(separator: "; "))
        section("Virtual assessments", paragraphs: report.virtual == nil ? ["None."] : [], tables: report.virtual.map { [$0] } ?? [])
        section(
            "Operations not visited in person",
            paragraphs: report.notVisited == nil ? ["None: every operation is visited in person or virtually."] : [],
            tables: report.notVisited.map { [$0] } ?? [])
        section("Solver", paragraphs: report.solver + [report.timing])

        var page: [String: Any] = [
            "title": report.title,
            "intro": report.intro,
            "budgetSVG": PlanGraphics.budgetBar(doc),
            "budget": context(report.budget),
            "timelineSVG": PlanGraphics.timeline(index),
            "sections": sections,
        ]
        if let why = report.infeasibility { page["infeasibility"] = why }
        return library.render(page, withTemplate: "page")!
    }

    private static func context(_ t: ReportTable) -> [String: Any] {
        [
            "headers": zip(t.headers, t.numeric).map { ["text": $0.0, "num": $0.1] as [String: Any] },
            "rows": t.rows.enumerated().map { i, row in
                [
                    "strong": t.emphasized.contains(i),
                    "cells": zip(row, t.numeric).map { ["text": $0.0, "num": $0.1] as [String: Any] },
                ] as [String: Any]
            },
        ]
    }

    // MARK: - Templates

    /// The content type every template of this file declares first, so `{{…}}` uses `Escape.html`.
    struct EscapedHTML: MustacheContentType {
        static let name = "VISITPLANNER_HTML"
        func escapeText(_ text: String) -> String { Escape.html(text) }
    }

    private static let library: MustacheLibrary = {
        MustacheContentTypes.register(EscapedHTML(), named: EscapedHTML.name)
        do {
            return MustacheLibrary(templates: [
                "page": try MustacheTemplate(string: pageTemplate),
                "table": try MustacheTemplate(string: tableTemplate),
            ])
        } catch {
            // The templates are constants in this file: a parse error is a bug, caught by any test.
            preconditionFailure("plan.html template: \(error)")
        }
    }()

    private static let tableTemplate = """
        {{% CONTENT_TYPE: VISITPLANNER_HTML }}
        <table>
        <thead><tr>{{#headers}}<th{{#num}} class="num"{{/num}}>{{text}}</th>{{/headers}}</tr></thead>
        <tbody>
        {{#rows}}<tr{{#strong}} class="strong"{{/strong}}>{{#cells}}<td{{#num}} class="num"{{/num}}>{{text}}</td>{{/cells}}</tr>
        {{/rows}}</tbody>
        </table>

        """

    private static let pageTemplate = """
        {{% CONTENT_TYPE: VISITPLANNER_HTML }}
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
        <title>{{title}}</title>
        <style>
        body { font-family: "Segoe UI", Helvetica, Arial, sans-serif; color: #222; margin: 24px auto; max-width: 1200px; padding: 0 16px; font-size: 14px; }
        h1 { font-size: 22px; margin: 0 0 6px; }
        h2 { font-size: 17px; margin: 26px 0 8px; border-bottom: 2px solid #1f4e8c; padding-bottom: 3px; }
        h3 { font-size: 14px; margin: 16px 0 4px; }
        ul.intro { margin: 4px 0 12px; padding-left: 18px; color: #444; }
        .alert { border: 2px solid #c0392b; background: #fbeae8; padding: 8px 12px; font-weight: bold; }
        .summary { color: #444; margin: 2px 0 6px; }
        table { border-collapse: collapse; margin: 6px 0 12px; }
        th, td { border: 1px solid #c9d0d8; padding: 3px 8px; text-align: left; vertical-align: top; }
        th { background: #e9eef5; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        tr.strong td { font-weight: bold; }
        figure { margin: 8px 0 16px; }
        figure svg { display: block; width: 100%; height: auto; }
        .layout { display: flex; gap: 24px; align-items: flex-start; flex-wrap: wrap; }
        * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        @page { size: A4 landscape; margin: 12mm; }
        @media print {
          body { margin: 0; max-width: none; padding: 0; font-size: 11px; }
          h2 { break-after: avoid; page-break-after: avoid; }
          h3 { break-after: avoid; page-break-after: avoid; }
          tr, figure { break-inside: avoid; page-break-inside: avoid; }
        }
        </style>
        </head>
        <body>
        <h1>{{title}}</h1>
        <ul class="intro">
        {{#intro}}<li>{{.}}</li>
        {{/intro}}</ul>
        {{#infeasibility}}<p class="alert">No plan: {{.}}</p>
        {{/infeasibility}}
        <section>
        <h2>Budget</h2>
        <figure>{{{budgetSVG}}}</figure>
        {{#budget}}{{> table}}{{/budget}}
        </section>
        <section class="timeline">
        <h2>Year timeline</h2>
        <figure>{{{timelineSVG}}}</figure>
        </section>
        {{#sections}}
        <section>
        <h2>{{title}}</h2>
        {{#paragraphs}}<p>{{.}}</p>
        {{/paragraphs}}
        {{#tables}}
        {{#heading}}<h3>{{heading}}</h3>
        <p class="summary">{{summary}}</p>
        {{/heading}}
        {{#table}}{{> table}}{{/table}}
        {{/tables}}
        {{#after}}<p>{{after}}</p>
        {{/after}}
        </section>
        {{/sections}}
        </body>
        </html>

        """
}
