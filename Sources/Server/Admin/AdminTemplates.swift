import Mustache

/// The console's Mustache templates, compiled once. `{{name}}` escapes HTML; the only triple mustache is the
/// layout's `{{{content}}}`, which is a page this library rendered (so already escaped).
enum AdminTemplates {
    /// Every template by name, parsed once (when `AdminRoutes` is made); a template that does not parse is a programming error
    /// (`AdminTemplatesTests` parses them all).
    static let library: MustacheLibrary = {
        do {
            return try compiled()
        } catch {
            fatalError("\(error)")
        }
    }()

    /// A template that does not parse.
    struct Unparsable: Error, CustomStringConvertible {
        var name: String
        var reason: String
        var description: String { "the admin console template \(name) does not parse: \(reason)" }
    }

    /// Every template, parsed.
    /// - Throws: `Unparsable` naming the first template that does not parse.
    static func compiled() throws(Unparsable) -> MustacheLibrary {
        var library = MustacheLibrary()
        for (name, text) in sources {
            do {
                try library.register(text, named: name)
            } catch {
                throw Unparsable(name: name, reason: "\(error)")
            }
        }
        return library
    }

    /// `page` rendered with `context`, inside the layout.
    static func render(_ page: String, context: [String: Any], layout: [String: Any]) -> String {
        var layout = layout
        layout["content"] = library.render(context, withTemplate: page) ?? ""
        return library.render(layout, withTemplate: "layout") ?? ""
    }

    static let sources: [String: String] = [
        "layout": """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{title}} · Toolport admin</title><link rel="stylesheet" href="/admin/console.css"></head>
            <body><header><span class="brand">Toolport admin</span>
            {{#csrf}}<nav><a href="/admin/auth-configs">Auth configs</a><a href="/admin/accounts">Connected accounts</a>
            <a href="/admin/executions">Executions</a><a href="/admin/keys">API keys</a></nav>
            <form method="post" action="/admin/sign-out" class="inline"><input type="hidden" name="csrf_token" value="{{csrf}}">
            <button type="submit" class="link">Sign out</button></form>{{/csrf}}</header>
            <main>{{#notice}}<p class="notice">{{notice}}</p>{{/notice}}{{{content}}}</main></body></html>
            """,
        "message": """
            <h1>{{heading}}</h1><p class="{{#failed}}error{{/failed}}">{{text}}</p>
            <p><a href="{{back}}">Back</a></p>
            """,
        "sign-in": """
            <h1>Sign in</h1>
            {{#error}}<p class="error">{{error}}</p>{{/error}}
            <form method="post" action="/admin/sign-in" class="card">
            <label for="api_key">Admin API key</label>
            <input id="api_key" name="api_key" type="password" autocomplete="off" required>
            <p class="hint">TOOLPORT_API_KEY, the key printed on first start, or a key created without restrictions.</p>
            <button type="submit">Sign in</button></form>
            """,
        "auth-configs": """
            <h1>Auth configs</h1>
            <table><thead><tr><th>ID</th><th>Name</th><th>Scheme</th><th>Status</th><th>Accounts</th><th></th></tr></thead><tbody>
            {{#configs}}<tr><td><code>{{id}}</code></td><td>{{name}}</td><td>{{scheme}}</td>
            <td>{{#enabled}}<span class="ok">ENABLED</span>{{/enabled}}{{^enabled}}<span class="bad">DISABLED</span>{{/enabled}}</td><td>{{connections}}</td>
            <td><form method="post" action="/admin/auth-configs/{{id}}/{{#enabled}}disable{{/enabled}}{{^enabled}}enable{{/enabled}}" class="inline">
            <input type="hidden" name="csrf_token" value="{{csrf}}"><button type="submit" class="small">{{#enabled}}Disable{{/enabled}}{{^enabled}}Enable{{/enabled}}</button></form></td></tr>{{/configs}}
            {{^configs}}<tr><td colspan="6">No auth configs yet.</td></tr>{{/configs}}
            </tbody></table>
            <h2>Create an auth config</h2>
            {{#schemes}}<form method="post" action="/admin/auth-configs" class="card"><h3>{{name}} <small>{{mode}}</small></h3>
            <input type="hidden" name="csrf_token" value="{{csrf}}"><input type="hidden" name="auth_scheme" value="{{mode}}">
            <label for="name-{{mode}}">Name (optional)</label><input id="name-{{mode}}" name="name">
            {{#fields}}<label for="{{mode}}-{{name}}">{{label}}{{#required}} *{{/required}}</label>
            <input id="{{mode}}-{{name}}" name="credentials.{{name}}" type="{{#secret}}password{{/secret}}{{^secret}}text{{/secret}}" autocomplete="off"{{#required}} required{{/required}}>
            {{#description}}<p class="hint">{{description}}</p>{{/description}}{{/fields}}
            <button type="submit">Create {{mode}} auth config</button></form>{{/schemes}}
            """,
        "accounts": """
            <h1>Connected accounts</h1>
            {{#link}}<div class="card new"><h2>Connect link for {{userID}}</h2>
            <p>Send this link to the user; it works once, until {{expiresAt}}:</p><p><a id="connect-link" href="{{url}}">{{url}}</a></p>
            <p class="hint">Account <code>{{accountID}}</code> is INITIATED until the user completes the page.</p></div>{{/link}}
            <form method="get" action="/admin/accounts" class="filters"><label for="user">User</label>
            <input id="user" name="user" value="{{user}}"><button type="submit">Filter</button></form>
            {{#users}}<h2>User <code>{{userID}}</code></h2>
            <table><thead><tr><th>Account</th><th>Auth config</th><th>Status</th><th>Reason</th><th>Created</th><th></th></tr></thead><tbody>
            {{#accounts}}<tr><td><code>{{id}}</code>{{#alias}} ({{alias}}){{/alias}}</td><td><code>{{authConfigID}}</code></td>
            <td><span class="status-{{status}}">{{status}}</span>{{#disabled}} <span class="bad">disabled</span>{{/disabled}}</td><td>{{reason}}</td><td>{{createdAt}}</td>
            <td class="actions"><form method="post" action="/admin/accounts/{{id}}/{{#disabled}}enable{{/disabled}}{{^disabled}}disable{{/disabled}}" class="inline">
            <input type="hidden" name="csrf_token" value="{{csrf}}"><button type="submit" class="small">{{#disabled}}Enable{{/disabled}}{{^disabled}}Disable{{/disabled}}</button></form>
            <form method="post" action="/admin/accounts/{{id}}/delete" class="inline"><input type="hidden" name="csrf_token" value="{{csrf}}">
            <button type="submit" class="small danger">Delete</button></form></td></tr>{{/accounts}}
            </tbody></table>{{/users}}
            {{^users}}<p>No connected accounts{{#user}} for {{user}}{{/user}}.</p>{{/users}}
            <h2>Make a connect link</h2>
            <form method="post" action="/admin/connect-links" class="card"><input type="hidden" name="csrf_token" value="{{csrf}}">
            <label for="link-user">User ID</label><input id="link-user" name="user_id" required value="{{user}}">
            <label for="link-config">Auth config</label><select id="link-config" name="auth_config_id" required>
            {{#configs}}<option value="{{id}}">{{name}} ({{scheme}}, {{id}})</option>{{/configs}}</select>
            {{^configs}}<p class="hint">Create an enabled auth config first.</p>{{/configs}}
            <button type="submit">Make connect link</button></form>
            """,
        "executions": """
            <h1>Recent executions</h1>
            <form method="get" action="/admin/executions" class="filters">
            <label for="tool">Tool</label><input id="tool" name="tool" value="{{tool}}" placeholder="PIPEDRIVE_GET_DEALS">
            <label for="exec-user">User</label><input id="exec-user" name="user" value="{{user}}">
            <label for="outcome">Outcome</label><select id="outcome" name="outcome">
            {{#outcomes}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/outcomes}}</select>
            <button type="submit">Filter</button></form>
            <table><thead><tr><th>When</th><th>Tool</th><th>User</th><th>Outcome</th><th>Status</th><th>ms</th><th></th></tr></thead><tbody>
            {{#logs}}<tr><td>{{createdAt}}</td><td><code>{{tool}}</code></td><td>{{user}}</td>
            <td>{{#successful}}<span class="ok">success</span>{{/successful}}{{^successful}}<span class="bad">failure</span>{{/successful}}</td>
            <td>{{statusCode}}</td><td>{{duration}}</td><td><a href="/admin/executions/{{id}}">{{id}}</a></td></tr>{{/logs}}
            {{^logs}}<tr><td colspan="7">No executions match.</td></tr>{{/logs}}
            </tbody></table>
            {{#older}}<p><a href="{{older}}">Older executions</a></p>{{/older}}
            """,
        "execution": """
            <h1>Execution <code>{{id}}</code></h1>
            <table class="detail"><tbody>{{#fields}}<tr><th>{{name}}</th><td>{{value}}</td></tr>{{/fields}}</tbody></table>
            <p><a href="/admin/executions">All executions</a></p>
            """,
        "keys": """
            <h1>API keys</h1>
            {{#created}}<div class="card new"><h2>Key {{name}} created</h2><p>Copy it now: it is shown only once.</p>
            <p><code id="new-key">{{key}}</code></p></div>{{/created}}
            <table><thead><tr><th>ID</th><th>Name</th><th>Key</th><th>Scope</th><th>Expires</th><th>Created</th><th>Status</th><th></th></tr></thead><tbody>
            {{#keys}}<tr><td><code>{{id}}</code></td><td>{{name}}</td><td><code>{{hint}}</code></td><td>{{scope}}</td><td>{{expiresAt}}</td><td>{{createdAt}}</td>
            <td>{{#revoked}}<span class="bad">revoked</span>{{/revoked}}{{^revoked}}<span class="ok">active</span>{{/revoked}}</td>
            <td>{{^revoked}}<form method="post" action="/admin/keys/{{id}}/revoke" class="inline"><input type="hidden" name="csrf_token" value="{{csrf}}">
            <button type="submit" class="small danger">Revoke</button></form>{{/revoked}}</td></tr>{{/keys}}
            {{^keys}}<tr><td colspan="8">No stored keys.</td></tr>{{/keys}}
            </tbody></table>
            <h2>Create a key</h2>
            <form method="post" action="/admin/keys" class="card"><input type="hidden" name="csrf_token" value="{{csrf}}">
            <label for="key-name">Name</label><input id="key-name" name="name" required>
            <label for="key-users">Users (comma-separated; empty: any)</label><input id="key-users" name="user_ids">
            <label for="key-tools">Tools (comma-separated slugs or globs; empty: all)</label><input id="key-tools" name="tools">
            <label class="check"><input type="checkbox" name="read_only" value="on"> Read-only</label>
            <label for="key-days">Expires in days (empty: never)</label><input id="key-days" name="expires_in_days" inputmode="numeric">
            <p class="hint">A key with no users, tools or read-only restriction is an admin key.</p>
            <button type="submit">Create key</button></form>
            """,
    ]

    /// The console's one stylesheet, served at `/admin/console.css` (the CSP allows styles from 'self' only).
    static let stylesheet = """
        body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;background:#f4f5f7;color:#1f2937;margin:0}
        header{background:#0f3d26;color:#fff;padding:.7rem 1.5rem;display:flex;gap:1.5rem;align-items:center;flex-wrap:wrap}
        header a,header .link{color:#d1fae5;text-decoration:none;margin-right:1rem;background:none;border:0;font:inherit;cursor:pointer;padding:0}
        header .link{margin:0}.brand{font-weight:700}main{padding:1.5rem;max-width:72rem}
        table{border-collapse:collapse;width:100%;background:#fff;margin:.5rem 0 1.5rem}th,td{text-align:left;padding:.4rem .6rem;border-bottom:1px solid #e5e7eb;vertical-align:top}
        .card{background:#fff;border-radius:10px;box-shadow:0 1px 6px rgba(0,0,0,.08);padding:1rem 1.2rem;margin:0 0 1.2rem;max-width:34rem}
        .card.new{border-left:4px solid #017737;max-width:none}label{display:block;font-weight:600;margin:.7rem 0 .2rem}
        input,select{box-sizing:border-box;width:100%;padding:.45rem;border:1px solid #cbd5e1;border-radius:6px;font-size:.95rem}
        .filters{display:flex;gap:.5rem;align-items:end;flex-wrap:wrap;margin-bottom:1rem}.filters input,.filters select{width:auto}.filters label{margin:0}
        label.check{font-weight:400}label.check input{width:auto}
        button{margin-top:.8rem;padding:.5rem .9rem;border:0;border-radius:6px;background:#017737;color:#fff;font-size:.95rem;cursor:pointer}
        button.small{margin:0;padding:.25rem .6rem;font-size:.85rem}button.danger{background:#b91c1c}form.inline{display:inline}
        .hint{color:#64748b;font-size:.85rem;margin:.2rem 0 0}.error{background:#fef2f2;color:#991b1b;padding:.6rem;border-radius:8px}
        .notice{background:#ecfdf5;color:#065f46;padding:.6rem;border-radius:8px}.ok{color:#017737}.bad{color:#b91c1c}
        code{font-size:.85rem;word-break:break-all}table.detail th{width:12rem}
        """
}
