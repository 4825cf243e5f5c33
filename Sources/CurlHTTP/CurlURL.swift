import CCurl

/// URLs read by libcurl's own parser, so that what Toolport checks is what libcurl connects to.
enum CurlURL {
    /// The origin of an absolute `http` or `https` URL.
    /// - Throws: `UpstreamError.invalidURL` (without the query, which may hold a token) otherwise.
    static func origin(of url: String) throws(UpstreamError) -> Origin {
        let invalid = UpstreamError.invalidURL(String(url.prefix { $0 != "?" }))
        guard let handle = curl_url() else { throw invalid }
        defer { curl_url_cleanup(handle) }
        guard curl_url_set(handle, CURLUPART_URL, url, 0) == CURLUE_OK,
            let scheme = part(CURLUPART_SCHEME, of: handle), ["http", "https"].contains(scheme.lowercased()),
            let host = part(CURLUPART_HOST, of: handle), !host.isEmpty,
            let port = part(CURLUPART_PORT, of: handle, flags: UInt32(CURLU_DEFAULT_PORT)).flatMap({ Int($0) })
        else { throw invalid }
        return Origin(scheme: scheme, host: host, port: port)
    }

    private static func part(_ part: CURLUPart, of handle: OpaquePointer, flags: UInt32 = 0) -> String? {
        var value: UnsafeMutablePointer<CChar>?
        guard curl_url_get(handle, part, &value, flags) == CURLUE_OK, let value else { return nil }
        defer { curl_free(value) }
        return String(cString: value)
    }
}
