import Foundation

/// The data page's templates: every table with its problems, one row's form, the policy form.
extension Templates {
    static let dataTemplates: [(String, String)] = [("data", data), ("dataRow", dataRow), ("policy", policy)]

    static let data = """
        {{> head}}
        <section id="data-check" aria-labelledby="check-title">
        <h2 id="check-title">Data check</h2>
        {{#valid}}<p id="data-valid">The data is valid: it passes every check of <code>visitplan validate</code>.</p>{{/valid}}
        {{^valid}}<p>The data has problems; planning needs them fixed. Each is also shown on its row below.</p>
        <ul id="data-issues">{{#issues}}<li>{{.}}</li>{{/issues}}</ul>{{/valid}}
        </section>
        <nav aria-label="Tables"><ul class="downloads"><li><a href="#policy">Policy</a></li>{{#tables}}<li><a href="#table-{{anchor}}">{{title}}</a></li>{{/tables}}</ul></nav>
        <section id="policy" aria-labelledby="policy-title">
        <h2 id="policy-title">Policy (policy.yaml)</h2>
        <table id="policy-values">
        <thead><tr><th scope="col">Setting</th><th scope="col">Key</th><th scope="col">Value</th></tr></thead>
        <tbody>
        {{#policy}}<tr><td>{{label}}</td><td><code>{{key}}</code></td><td>{{value}}</td></tr>
        {{/policy}}
        </tbody>
        </table>
        {{#canEdit}}<p><a id="edit-policy" href="/data/policy">Edit the policy</a></p>{{/canEdit}}
        </section>
        {{#tables}}
        <section id="table-{{anchor}}" aria-labelledby="title-{{anchor}}">
        <h2 id="title-{{anchor}}">{{title}} ({{file}})</h2>
        {{#missing}}<p>The data folder has no {{file}}.</p>{{/missing}}
        {{^missing}}
        <table id="rows-{{anchor}}">
        <thead><tr><th scope="col">Row</th>{{#header}}<th scope="col">{{.}}</th>{{/header}}<th scope="col">Problems</th>{{#canEdit}}<th scope="col">Change</th>{{/canEdit}}</tr></thead>
        <tbody>
        {{#rows}}<tr{{#bad}} class="bad"{{/bad}}><td class="num">{{number}}</td>{{#cells}}<td>{{.}}</td>{{/cells}}<td>{{#problems}}<span class="cell-error">{{.}}</span> {{/problems}}</td>{{#canEdit}}<td><a href="{{href}}" id="edit-{{anchor}}-{{number}}">Edit</a>
        <form method="post" action="{{href}}/delete" class="inline" id="delete-{{anchor}}-{{number}}">
        <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="digest" value="{{digest}}">
        <button type="submit" aria-label="Delete row {{number}} of {{file}}">Delete row</button>
        </form></td>{{/canEdit}}</tr>
        {{/rows}}
        </tbody>
        </table>
        {{#canEdit}}<p><a id="add-{{anchor}}" href="/data/{{file}}/new">Add a row to {{file}}</a></p>{{/canEdit}}
        {{/missing}}
        </section>
        {{/tables}}
        {{> foot}}
        """

    static let dataRow = """
        {{> head}}
        {{#hasOthers}}
        <section id="other-issues" aria-labelledby="others-title">
        <h2 id="others-title">{{#failed}}Problems this change would cause elsewhere{{/failed}}{{^failed}}Problems in the data{{/failed}}</h2>
        <ul>{{#others}}<li>{{.}}</li>{{/others}}</ul>
        </section>
        {{/hasOthers}}
        {{#canEdit}}
        <form id="row-form" method="post" action="{{action}}" class="card">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="digest" value="{{digest}}">
        {{#fields}}
        <p><label for="{{id}}">{{label}}</label>
        <input id="{{id}}" name="{{name}}" value="{{value}}"{{#hasErrors}} aria-invalid="true" aria-describedby="{{id}}-error"{{/hasErrors}}>
        {{#hasErrors}}<span class="field-error" id="{{id}}-error">{{#errors}}{{.}} {{/errors}}</span>{{/hasErrors}}</p>
        {{/fields}}
        <p><button id="row-submit" type="submit">{{#isNew}}Add row{{/isNew}}{{^isNew}}Save row{{/isNew}}</button> <a href="/data">Back to the data</a></p>
        </form>
        {{/canEdit}}
        {{^canEdit}}
        <dl class="facts">{{#fields}}<dt>{{label}}</dt><dd>{{value}}{{#hasErrors}} <span class="field-error">{{#errors}}{{.}} {{/errors}}</span>{{/hasErrors}}</dd>
        {{/fields}}</dl>
        {{/canEdit}}
        {{> foot}}
        """

    static let policy = """
        {{> head}}
        {{#hasOthers}}
        <section id="other-issues" aria-labelledby="others-title">
        <h2 id="others-title">Other problems in the data</h2>
        <ul>{{#others}}<li>{{.}}</li>{{/others}}</ul>
        </section>
        {{/hasOthers}}
        <form id="policy-form" method="post" action="/data/policy" class="card">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="digest" value="{{digest}}">
        {{#fields}}
        <p><label for="{{id}}">{{label}} <code>{{name}}</code></label>
        <input id="{{id}}" name="{{name}}" value="{{value}}"{{^canEdit}} readonly{{/canEdit}}{{#hasErrors}} aria-invalid="true" aria-describedby="{{id}}-error"{{/hasErrors}}>
        {{#hasErrors}}<span class="field-error" id="{{id}}-error">{{#errors}}{{.}} {{/errors}}</span>{{/hasErrors}}</p>
        {{/fields}}
        {{#canEdit}}<p><button id="policy-submit" type="submit">Save policy</button> <a href="/data">Back to the data</a></p>{{/canEdit}}
        </form>
        {{> foot}}
        """
}
