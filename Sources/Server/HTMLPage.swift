import HTTPTypes
import Hummingbird
import NIOCore

/// Small self-contained HTML pages (no external assets) for the browser steps of connecting an account.
enum HTMLPage {
    /// Allows only this page's inline style and forms posting back to this server.
    static let contentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

    static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    static func response(status: HTTPResponse.Status = .ok, title: String, body: String) -> Response {
        let html = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escaped(title))</title>
            <style>
            body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;background:#f4f5f7;color:#1f2937;margin:0;display:flex;min-height:100vh;align-items:center;justify-content:center}
            main{background:#fff;border-radius:12px;box-shadow:0 2px 12px rgba(0,0,0,.08);padding:2rem;max-width:26rem;width:100%}
            h1{font-size:1.3rem;margin:0 0 1rem}label{display:block;font-weight:600;margin:1rem 0 .3rem}
            input{width:100%;box-sizing:border-box;padding:.6rem;border:1px solid #cbd5e1;border-radius:8px;font-size:1rem}
            button{margin-top:1.4rem;width:100%;padding:.7rem;border:0;border-radius:8px;background:#017737;color:#fff;font-size:1rem;cursor:pointer}
            .hint{color:#64748b;font-size:.85rem;margin:.3rem 0 0}.error{background:#fef2f2;color:#991b1b;padding:.6rem;border-radius:8px}
            .ok{color:#017737}
            </style></head><body><main>\(body)</main></body></html>
            """
        return Response(
            status: status,
            headers: [
                .contentType: "text/html; charset=utf-8", .contentSecurityPolicy: contentSecurityPolicy,
                .cacheControl: "no-store", HTTPField.Name("X-Frame-Options")!: "DENY",
                HTTPField.Name("Referrer-Policy")!: "no-referrer",
            ],
            body: .init(byteBuffer: ByteBuffer(string: html))
        )
    }

    static func message(title: String, text: String, success: Bool) -> Response {
        response(
            status: success ? .ok : .badRequest, title: title,
            body: "<h1 class=\"\(success ? "ok" : "")\">\(escaped(title))</h1><p>\(escaped(text))</p>"
        )
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .found, headers: [.location: location, .cacheControl: "no-store"])
    }
}
