import Foundation

/// A plan's result page: budget, trips, virtual assessments, every operation left out with its
/// reason, and the change list against the adopted plan.
extension Templates {
    static let planResultTemplates: [(String, String)] = [("planResult", planResult)]

    static let planResult = """
        {{> head}}
        <p>Solver status: {{status}}. Horizon {{horizon}}. <a href="/plan">Back to the plan page</a></p>
        <section aria-labelledby="budget-title">
        <h2 id="budget-title">Budget</h2>
        <table id="result-budget">
        <tbody>
        {{#budget}}<tr><th scope="row">{{label}}</th><td class="num">{{amount}}</td></tr>
        {{/budget}}
        </tbody>
        </table>
        </section>
        <section aria-labelledby="trips-title">
        <h2 id="trips-title">Trips</h2>
        <table id="result-trips">
        <thead><tr><th scope="col">Trip</th><th scope="col">Traveller</th><th scope="col">Leaves</th><th scope="col">Returns</th><th scope="col">Operations</th><th scope="col" class="num">Cost</th></tr></thead>
        <tbody>
        {{#trips}}<tr><td>{{id}}</td><td>{{manager}}</td><td>{{depart}}</td><td>{{returnDay}}</td><td>{{operations}}</td><td class="num">{{cost}}</td></tr>
        {{/trips}}
        </tbody>
        </table>
        </section>
        <section aria-labelledby="virtual-title">
        <h2 id="virtual-title">Virtual assessments</h2>
        {{^virtual}}<p>None.</p>{{/virtual}}
        <ul id="result-virtual">{{#virtual}}<li>{{operation}} ({{manager}})</li>{{/virtual}}</ul>
        </section>
        <section aria-labelledby="left-title">
        <h2 id="left-title">Operations left out, and why</h2>
        {{^leftOut}}<p>None: every operation is assessed.</p>{{/leftOut}}
        <table id="result-left-out">
        <thead><tr><th scope="col">Operation</th><th scope="col">Why it is left out</th></tr></thead>
        <tbody>
        {{#leftOut}}<tr><td>{{operation}}</td><td>{{reason}}</td></tr>
        {{/leftOut}}
        </tbody>
        </table>
        </section>
        <section aria-labelledby="changes-title">
        <h2 id="changes-title">Changes against the adopted plan</h2>
        {{^hasAdopted}}<p>No plan is adopted yet: every trip is new.</p>{{/hasAdopted}}
        {{#hasAdopted}}
        <table id="result-changes">
        <thead><tr><th scope="col">Trip</th><th scope="col">Change</th></tr></thead>
        <tbody>
        {{#changes}}<tr><td>{{trip}}</td><td>{{change}}</td></tr>
        {{/changes}}
        </tbody>
        </table>
        {{/hasAdopted}}
        </section>
        {{#canAdopt}}
        <form method="post" action="/plan/adopt" class="card" id="adopt-form">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="plan" value="{{folder}}">
        <p><button type="submit">Adopt {{folder}} as the year's plan</button></p>
        </form>
        {{/canAdopt}}
        {{> foot}}
        """
}
