import Foundation
import Mustache

/// The HTML of every page, as Mustache templates embedded in the binary (nothing to install
/// next to it, nothing fetched from a network).
///
/// `{{name}}` escapes `& < > " '`; values are also passed through `WebText` first, which
/// neutralises control and bidi characters. No template uses `{{{…}}}` or `{{& …}}`.
enum Templates {
    /// The library of every template, compiled once.
    static func library() throws -> MustacheLibrary {
        var library = MustacheLibrary()
        for (name, text) in all {
            library.register(try MustacheTemplate(string: text), named: name)
        }
        return library
    }

    static let all: [(String, String)] =
        [
            ("head", head), ("foot", foot), ("login", login), ("year", year), ("trips", trips), ("trip", trip), ("plan", plan),
            ("planStatus", planStatus), ("users", users), ("message", message),
        ] + dataTemplates + reportTemplates + scenarioTemplates + planResultTemplates

    // MARK: - Frame

    static let head = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}} · VisitPlanner</title>
        <link rel="stylesheet" href="/static/style.css">
        </head>
        <body>
        <a class="skip" href="#main">Skip to content</a>
        <header>
        <p class="brand">VisitPlanner</p>
        {{#user}}
        <nav aria-label="Main">
        <ul>
        {{#nav}}<li><a href="{{href}}"{{#current}} aria-current="page"{{/current}}>{{label}}</a></li>{{/nav}}
        </ul>
        </nav>
        <form class="logout" method="post" action="/logout">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <span>{{name}} ({{role}})</span> <button type="submit">Log out</button>
        </form>
        {{/user}}
        </header>
        <main id="main">
        <h1>{{title}}</h1>
        {{#notice}}<p class="notice" role="status">{{notice}}</p>{{/notice}}
        {{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}

        """

    static let foot = """
        </main>
        </body>
        </html>

        """

    static let message = """
        {{> head}}
        <p>{{text}}</p>
        <p><a href="/">Back to the year at a glance</a></p>
        {{> foot}}
        """

    // MARK: - Log in

    static let login = """
        {{> head}}
        <form method="post" action="/login" class="card">
        <input type="hidden" name="csrf" value="{{loginToken}}">
        <p><label for="name">Account name</label>
        <input id="name" name="name" autocomplete="username" required value="{{enteredName}}"></p>
        <p><label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required></p>
        <p><button type="submit">Log in</button></p>
        </form>
        {{> foot}}
        """

    // MARK: - Year at a glance

    static let year = """
        {{> head}}
        {{^hasPlan}}<p>No plan has been adopted in this register yet.{{#canPlan}} <a href="/plan">Run and adopt a plan</a>.{{/canPlan}}</p>{{/hasPlan}}
        {{#hasPlan}}
        <section aria-labelledby="budget">
        <h2 id="budget">Budget position</h2>
        <p>Plan {{planName}}. Envelope {{envelope}} (travel {{envelopeTravel}} + programme support {{envelopePsc}}).</p>
        <table>
        <caption>Where the year's money stands (travel, programme support costs and total, US dollars)</caption>
        <thead><tr><th scope="col">Category</th><th scope="col">Trips</th><th scope="col" class="num">Travel</th><th scope="col" class="num">PSC</th><th scope="col" class="num">Total</th></tr></thead>
        <tbody>
        {{#budgetRows}}<tr><th scope="row">{{label}}</th><td class="num">{{count}}</td><td class="num">{{travel}}</td><td class="num">{{psc}}</td><td class="num">{{total}}</td></tr>
        {{/budgetRows}}
        </tbody>
        <tfoot>
        <tr><th scope="row">Forecast</th><td></td><td class="num">{{forecastTravel}}</td><td class="num">{{forecastPsc}}</td><td class="num">{{forecastTotal}}</td></tr>
        <tr><th scope="row">Free</th><td></td><td class="num">{{freeTravel}}</td><td class="num">{{freePsc}}</td><td class="num{{#overBudget}} over{{/overBudget}}">{{freeTotal}}</td></tr>
        </tfoot>
        </table>
        </section>
        <section aria-labelledby="action">
        <h2 id="action">Needs action</h2>
        {{#actionGroups}}
        <h3>{{title}}</h3>
        <p class="hint">{{hint}}</p>
        {{#hasTrips}}<ul>{{#trips}}<li><a href="/trips/{{href}}">{{id}}</a>: {{manager}}, leaves {{depart}} ({{status}}){{#note}}, {{note}}{{/note}}</li>{{/trips}}</ul>{{/hasTrips}}
        {{^hasTrips}}<p>Nothing.</p>{{/hasTrips}}
        {{/actionGroups}}
        </section>
        {{/hasPlan}}
        {{> foot}}
        """

    // MARK: - Trips

    static let trips = """
        {{> head}}
        {{^groups}}<p>No trips to show.</p>{{/groups}}
        {{#groups}}
        <section>
        <h2 id="status-{{key}}">{{label}} ({{count}})</h2>
        <table>
        <thead><tr><th scope="col">Trip</th><th scope="col">Traveller</th><th scope="col">Leaves</th><th scope="col">Returns</th><th scope="col">Operations</th><th scope="col" class="num">Estimate</th></tr></thead>
        <tbody>
        {{#trips}}<tr><td><a href="/trips/{{href}}">{{id}}</a></td><td>{{manager}}</td><td>{{depart}}</td><td>{{returnDay}}</td><td>{{operations}}</td><td class="num">{{estimate}}</td></tr>
        {{/trips}}
        </tbody>
        </table>
        </section>
        {{/groups}}
        {{> foot}}
        """

    static let trip = """
        {{> head}}
        <dl class="facts">
        {{#facts}}<dt>{{label}}</dt><dd>{{value}}</dd>
        {{/facts}}
        </dl>
        {{#hasActions}}
        <section aria-labelledby="actions">
        <h2 id="actions">What you can do</h2>
        {{#request}}
        <form method="post" action="/trips/{{href}}/request" class="card">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <h3>Request approval</h3>
        <p><label for="request-depart">New departure date (only after a postponement)</label>
        <input id="request-depart" name="depart" type="date"></p>
        <p><label for="request-justification">Justification (needed within the lead time)</label>
        <textarea id="request-justification" name="justification" rows="2"></textarea></p>
        <p><button type="submit">Request</button></p>
        </form>
        {{/request}}
        {{#approve}}
        <form method="post" action="/trips/{{href}}/approve" class="card">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <h3>Approve</h3>
        <p><label for="approve-amount">Approved amount in US dollars (empty: the estimate)</label>
        <input id="approve-amount" name="amount" inputmode="decimal"></p>
        <p><button type="submit">Approve</button></p>
        </form>
        {{/approve}}
        {{#book}}
        <form method="post" action="/trips/{{href}}/book" class="card">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <h3>Book</h3>
        <p><label for="book-ticket">Ticket cost in US dollars</label>
        <input id="book-ticket" name="ticket" inputmode="decimal" required></p>
        <p><label for="book-depart">Departure</label> <input id="book-depart" name="depart" type="date" value="{{depart}}" required></p>
        <p><label for="book-return">Return</label> <input id="book-return" name="return" type="date" value="{{returnDay}}" required></p>
        <p><button type="submit">Book</button></p>
        </form>
        {{/book}}
        {{#travelled}}
        <form method="post" action="/trips/{{href}}/travelled" class="card">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <h3>Record the journey</h3>
        <p><label for="t-depart">Actual departure</label> <input id="t-depart" name="depart" type="date" value="{{depart}}" required></p>
        <p><label for="t-return">Actual return</label> <input id="t-return" name="return" type="date" value="{{returnDay}}" required></p>
        <p><label for="t-airfare">Airfare (US dollars)</label> <input id="t-airfare" name="airfare" inputmode="decimal" required></p>
        <p><label for="t-dsa">Daily subsistence allowance</label> <input id="t-dsa" name="dsa" inputmode="decimal" required></p>
        <p><label for="t-terminal">Terminal expenses</label> <input id="t-terminal" name="terminal" inputmode="decimal" value="0"></p>
        <p><label for="t-access">Access costs</label> <input id="t-access" name="access" inputmode="decimal" value="0"></p>
        <p><label for="t-other">Other costs</label> <input id="t-other" name="other" inputmode="decimal" value="0"></p>
        <p><button type="submit">Record</button></p>
        </form>
        {{/travelled}}
        {{#postpone}}
        <form method="post" action="/trips/{{href}}/postpone" class="card">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <h3>Postpone</h3>
        <p><label for="postpone-reason">Reason</label> <textarea id="postpone-reason" name="reason" rows="2" required></textarea></p>
        <p><button type="submit">Postpone</button></p>
        </form>
        {{/postpone}}
        {{#cancel}}
        <form method="post" action="/trips/{{href}}/cancel" class="card">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <h3>Cancel</h3>
        <p><label for="cancel-reason">Reason</label> <textarea id="cancel-reason" name="reason" rows="2" required></textarea></p>
        <p><button type="submit">Cancel the trip</button></p>
        </form>
        {{/cancel}}
        </section>
        {{/hasActions}}
        <section aria-labelledby="history">
        <h2 id="history">History</h2>
        <table>
        <thead><tr><th scope="col">When (UTC)</th><th scope="col">Who</th><th scope="col">Step</th><th scope="col">Field</th><th scope="col">Was</th><th scope="col">Now</th><th scope="col">Comment</th></tr></thead>
        <tbody>
        {{#history}}<tr><td>{{at}}</td><td>{{by}}</td><td>{{action}}</td><td>{{field}}</td><td>{{old}}</td><td>{{new}}</td><td>{{comment}}</td></tr>
        {{/history}}
        </tbody>
        </table>
        </section>
        {{> foot}}
        """

    // MARK: - Plan

    static let plan = """
        {{> head}}
        <section aria-labelledby="run">
        <h2 id="run">Run a plan</h2>
        <p>Plans the year from the data folder {{dataFolder}}. The solve runs in the background; one at a time.</p>
        <div id="job" aria-live="polite">{{> planStatus}}</div>
        {{#canRun}}
        <form method="post" action="/plan/run" class="card" id="run-form">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <p><button type="submit">Run a plan</button></p>
        </form>
        <form method="post" action="/plan/replan" class="card" id="replan-form">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <p><label for="replan-as-of">Re-plan the rest of the year as of (empty: today)</label>
        <input id="replan-as-of" name="asOf" type="date"></p>
        <p class="hint">Trips travelled, booked, approved or leaving within the lead time stay as they are; the rest is planned again with the data as it is now.</p>
        <p><button type="submit">Re-plan</button></p>
        </form>
        {{/canRun}}
        </section>
        {{#plans}}
        <section>
        <h2>{{name}}</h2>
        <p><a href="/plan/result/{{name}}" id="result-{{name}}">See the result: trips, budget, operations left out, changes</a></p>
        <ul class="downloads">{{#files}}<li><a href="{{href}}" download>{{file}}</a></li>{{/files}}</ul>
        {{#canAdopt}}
        <form method="post" action="/plan/adopt" class="card">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="plan" value="{{name}}">
        <p><button type="submit">Adopt {{name}} as the year's plan</button></p>
        </form>
        {{/canAdopt}}
        </section>
        {{/plans}}
        <script src="/static/plan.js"></script>
        {{> foot}}
        """

    static let planStatus = """
        {{#job}}
        <p{{#running}} data-running="1"{{/running}}><strong>{{state}}</strong>{{#detail}}: {{detail}}{{/detail}} (started {{started}} by {{by}})</p>
        {{#running}}{{#canCancel}}
        <form method="post" action="/plan/cancel">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <button type="submit">Cancel the plan</button>
        </form>
        {{/canCancel}}{{/running}}
        {{/job}}
        {{^job}}<p>No plan is running.</p>{{/job}}
        """

    // MARK: - Accounts

    static let users = """
        {{> head}}
        {{#generated}}
        <section id="new-account" class="card" aria-labelledby="new-account-title">
        <h2 id="new-account-title">Password for {{name}}</h2>
        <p>Give it to them by a safe channel; it is shown only this once and is not stored.</p>
        <p><code id="generated-password">{{password}}</code></p>
        </section>
        {{/generated}}
        <table id="accounts">
        <caption>Accounts of the web application</caption>
        <thead><tr><th scope="col">Name</th><th scope="col">Role</th><th scope="col">Manager id</th><th scope="col">Created (UTC)</th><th scope="col">State</th><th scope="col">Actions</th></tr></thead>
        <tbody>
        {{#users}}<tr><td>{{name}}</td><td>{{role}}</td><td>{{manager}}</td><td>{{created}}</td><td>{{state}}</td><td>
        <form method="post" action="/users/state" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="name" value="{{name}}"><input type="hidden" name="state" value="{{toggle}}"><button type="submit">{{toggleLabel}}</button></form>
        <form method="post" action="/users/password" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="name" value="{{name}}"><button type="submit">New password</button></form>
        </td></tr>
        {{/users}}
        </tbody>
        </table>
        <form id="add-user" method="post" action="/users/add" class="card">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <h2>Add an account</h2>
        <p><label for="user-name">Account name</label>
        <input id="user-name" name="name" required maxlength="64" autocomplete="off" value="{{enteredName}}"></p>
        <p><label for="user-role">Role</label>
        <select id="user-role" name="role">
        {{#roles}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>
        {{/roles}}
        </select></p>
        <p><label for="user-manager">Manager id (a desk officer only: whose trips are theirs)</label>
        <input id="user-manager" name="manager" value="{{enteredManager}}"></p>
        <p class="hint">A password is generated and shown once. The command line does the same: <code>visitplan users add NAME --role ROLE --generate</code>; <code>visitplan users disable|enable|reset-password NAME</code> for the actions above. An account is never deleted: it is disabled.</p>
        <p><button id="add-user-submit" type="submit">Add account</button></p>
        </form>
        {{> foot}}
        """
}
