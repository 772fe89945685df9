import Foundation

/// The reports page: the visits with their template and uploads, the clearance of travelled
/// trips, and the recommendations tracker.
extension Templates {
    static let reportTemplates: [(String, String)] = [("reports", reports)]

    static let reports = """
        {{> head}}
        <section id="visits" aria-labelledby="visits-title">
        <h2 id="visits-title">Visits and their reports</h2>
        {{^hasPlan}}<p>No adopted plan has a plan folder here yet, so there are no report templates.</p>{{/hasPlan}}
        {{#hasPlan}}
        <p>Plan {{planName}}. Download the Word template of a visit, fill it in, and upload it here. Files of up to 5 MiB (.docx or .md); each upload is kept, none replaces another.</p>
        <table id="visit-reports">
        <thead><tr><th scope="col">Visit</th><th scope="col">Date</th><th scope="col">Mode</th><th scope="col">Manager</th><th scope="col">Trip</th><th scope="col">Latest upload</th><th scope="col">Template and upload</th></tr></thead>
        <tbody>
        {{#visits}}<tr id="visit-{{href}}"><th scope="row">{{key}}</th><td>{{date}}</td><td>{{mode}}</td><td>{{manager}}</td><td>{{trip}}</td>
        <td><strong>{{state}}</strong> ({{uploads}} upload(s)){{#problems}}<span class="cell-error">{{.}}</span>{{/problems}}</td>
        <td><a href="/reports/template/{{href}}" id="template-{{href}}" download>Word template</a>
        {{#canUpload}}
        <form method="post" action="/reports/upload/{{href}}" enctype="multipart/form-data" id="upload-{{href}}">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <label for="file-{{href}}">Filled report for {{key}}</label>
        <input id="file-{{href}}" name="report" type="file" accept=".docx,.md" required>
        <button type="submit">Upload report</button>
        </form>
        {{/canUpload}}</td></tr>
        {{/visits}}
        </tbody>
        </table>
        {{/hasPlan}}
        </section>
        <section id="clearance" aria-labelledby="clearance-title">
        <h2 id="clearance-title">Clearance of reports</h2>
        {{^clearance}}<p>No trip has travelled yet.</p>{{/clearance}}
        {{#clearance}}
        <div class="card" id="clearance-{{href}}">
        <h3>Trip <a href="/trips/{{href}}">{{trip}}</a> ({{manager}})</h3>
        <p>{{summary}}</p>
        {{#canSubmit}}
        <form method="post" action="/reports/submit/{{href}}" id="submit-{{href}}">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <p><label for="submit-comment-{{href}}">Comment (optional)</label>
        <input id="submit-comment-{{href}}" name="comment"></p>
        <p><button type="submit">Submit for clearance</button></p>
        </form>
        {{/canSubmit}}
        {{#canReview}}
        <form method="post" action="/reports/clear/{{href}}" id="review-{{href}}">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <p><label for="step-{{href}}">Review</label>
        <select id="step-{{href}}" name="step">{{#steps}}<option value="{{step}}">{{label}}</option>{{/steps}}</select></p>
        <p><label for="comment-{{href}}">Comments</label>
        <textarea id="comment-{{href}}" name="comment" rows="2"></textarea></p>
        <p><button type="submit">Record review</button></p>
        </form>
        {{/canReview}}
        </div>
        {{/clearance}}
        </section>
        <section id="recommendations" aria-labelledby="recommendations-title">
        <h2 id="recommendations-title">Recommendations tracker</h2>
        {{^hasRecommendations}}<p>No recommendation is in the register yet; they enter it when a report is submitted.</p>{{/hasRecommendations}}
        {{#hasRecommendations}}
        <p>Overdue (deadline before {{today}} and still open or in progress) are marked.</p>
        <table id="recommendation-list">
        <thead><tr><th scope="col">Id</th><th scope="col">Operation</th><th scope="col">Recommendation</th><th scope="col">Addressed to</th><th scope="col">Deadline</th><th scope="col">Priority</th><th scope="col">Status</th>{{#canTrack}}<th scope="col">Change</th>{{/canTrack}}</tr></thead>
        <tbody>
        {{/hasRecommendations}}
        {{#recommendations}}<tr{{#overdue}} class="bad"{{/overdue}}><td>{{id}}</td><td>{{operation}}</td><td>{{text}}</td><td>{{addressedTo}}</td><td>{{deadline}}{{#overdue}} <strong class="over">overdue</strong>{{/overdue}}</td><td>{{priority}}</td><td>{{status}}</td>
        {{#canTrack}}<td><form method="post" action="/reports/recommendations" id="{{formId}}">
        <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="id" value="{{id}}">
        <label for="{{formId}}-status">New status</label>
        <select id="{{formId}}-status" name="status">{{#statuses}}<option value="{{value}}">{{label}}</option>{{/statuses}}</select>
        <label for="{{formId}}-note">Note (why)</label>
        <input id="{{formId}}-note" name="note" required>
        <button type="submit">Change status</button>
        </form></td>{{/canTrack}}</tr>
        {{/recommendations}}
        {{#hasRecommendations}}
        </tbody>
        </table>
        {{/hasRecommendations}}
        </section>
        {{> foot}}
        """
}
