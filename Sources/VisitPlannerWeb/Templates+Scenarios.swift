import Foundation

/// The scenarios page: what "value" means, the scenarios file, a comparison run and its result.
extension Templates {
    static let scenarioTemplates: [(String, String)] = [("scenarios", scenarios), ("compareStatus", compareStatus)]

    static let scenarios = """
        {{> head}}
        <section id="value-meaning" aria-labelledby="value-title">
        <h2 id="value-title">What "value" means</h2>
        <p>{{valueInWords}}</p>
        </section>
        <section id="compare" aria-labelledby="compare-title">
        <h2 id="compare-title">Compare</h2>
        <div id="job" data-status="/scenarios/status" aria-live="polite">{{> compareStatus}}</div>
        {{#canRun}}
        <form id="compare-form" method="post" action="/scenarios/run" class="card">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <p><label for="compare-budgets">Budgets to compare, US dollars (separated by spaces, the first is the base; leave empty to compare the scenarios below)</label>
        <input id="compare-budgets" name="budgets" value="{{budgets}}" inputmode="decimal"></p>
        <p><button id="compare-submit" type="submit">Compare scenarios</button></p>
        </form>
        {{/canRun}}
        {{#result}}
        <table id="comparison">
        <caption>Latest comparison: what each scenario buys</caption>
        <thead><tr><th scope="col">Scenario</th><th scope="col" class="num">Envelope</th><th scope="col" class="num">Visits in person</th><th scope="col" class="num">In a preferred window</th><th scope="col" class="num">Virtual assessments</th><th scope="col" class="num">Operations not assessed</th><th scope="col" class="num">Value</th><th scope="col" class="num">Spent</th><th scope="col" class="num">Left</th><th scope="col">Plan</th></tr></thead>
        <tbody>
        {{#rows}}<tr><th scope="row">{{title}} <small>({{id}})</small></th><td class="num">{{envelope}}</td><td class="num">{{inPerson}}</td><td class="num">{{preferred}}</td><td class="num">{{virtual}}</td><td class="num">{{notAssessed}}{{#notAssessedList}} <small>{{notAssessedList}}</small>{{/notAssessedList}}</td><td class="num">{{value}}</td><td class="num">{{total}}</td><td class="num">{{remaining}}</td><td>{{status}}</td></tr>
        {{/rows}}
        </tbody>
        </table>
        {{#hasChart}}<figure id="value-chart"><img src="/scenarios/chart.svg" alt="Assessment value against the envelope, one point per budget compared"><figcaption>Value against budget: where more money stops buying more visits.</figcaption></figure>{{/hasChart}}
        {{/result}}
        </section>
        <section id="scenario-file" aria-labelledby="file-title">
        <h2 id="file-title">Scenarios (scenarios.yaml)</h2>
        <p class="hint">Each scenario starts from the data and changes only what it lists (envelope, psc_rate, virtual_only, unavailable, class_policy, max_stops). The first one is the base.</p>
        <form id="scenarios-form" method="post" action="/scenarios/save" class="card wide">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="digest" value="{{digest}}">
        <p><label for="scenarios-text">The scenarios file</label>
        <textarea id="scenarios-text" name="scenarios" rows="24" cols="90"{{^canEdit}} readonly{{/canEdit}}{{#hasIssues}} aria-invalid="true" aria-describedby="scenarios-errors"{{/hasIssues}}>
        {{scenarios}}</textarea></p>
        {{#hasIssues}}<ul id="scenarios-errors" class="field-error">{{#issues}}<li>{{.}}</li>{{/issues}}</ul>{{/hasIssues}}
        {{#canEdit}}<p><button id="scenarios-submit" type="submit">Save scenarios</button></p>{{/canEdit}}
        </form>
        </section>
        <script src="/static/plan.js"></script>
        {{> foot}}
        """

    static let compareStatus = """
        {{#job}}
        <p{{#running}} data-running="1"{{/running}}><strong>{{state}}</strong>{{#detail}}: {{detail}}{{/detail}} (started {{started}} by {{by}})</p>
        {{#running}}{{#canCancel}}
        <form method="post" action="/scenarios/cancel" id="compare-cancel">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <button type="submit">Cancel the comparison</button>
        </form>
        {{/canCancel}}{{/running}}
        {{/job}}
        {{^job}}<p>No comparison is running.</p>{{/job}}
        """
}
