import CCurl
import Foundation

/// One request in flight: its easy handle, the C memory curl reads from, and what has arrived so far.
///
/// Made, driven and released on the loop thread only. curl's callbacks reach it through an unretained pointer in
/// `CURLOPT_PRIVATE`, `CURLOPT_WRITEDATA`, `CURLOPT_HEADERDATA` and `CURLOPT_PREREQDATA`; the loop keeps it alive
/// while its handle is in the multi handle. The easy handle is lent by the loop's `EasyHandlePool` and given back
/// reset (no option pointing at this transfer's memory survives) when the transfer is released.
final class CurlTransfer {
    let id: UInt64
    /// The method as sent, for logs.
    let method: String
    let easy: UnsafeMutableRawPointer
    /// Where `easy` goes back when this transfer is released.
    private let handles: EasyHandlePool
    private let continuation: CheckedContinuation<Result<UpstreamResponse, UpstreamError>, Never>
    private let maxResponseSize: Int
    /// The request body, handed to curl by the read callback.
    private let requestBody: (bytes: UnsafeMutableRawPointer, count: Int)?
    /// How much of the body curl has read so far.
    private var bodyOffset = 0
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private var requestHeaders: UnsafeMutablePointer<curl_slist>?
    private var responseHeaders: [UpstreamHeader] = []
    private var responseBody = Data()
    private var exceededMaxResponseSize = false
    /// Set once a connection is ready and the request is about to be sent.
    private var requestStarted = false
    /// Which addresses the connection may use, and the request's origin they are judged for.
    private let addresses: AddressRule
    private let origin: Origin?
    /// Set when the connection's address was refused (the transfer then ends with `CURLE_ABORTED_BY_CALLBACK`).
    private var refusedAddress = false

    /// Makes an easy handle set up for `submission.request`.
    /// - Throws: `.transport` when curl cannot allocate or accept an option.
    init(submission: CurlMultiLoop.Submission, easy: UnsafeMutableRawPointer, handles: EasyHandlePool, configuration: CurlHTTPClient.Configuration) throws(UpstreamError) {
        let request = submission.request
        id = submission.id
        method = request.method.uppercased()
        self.easy = easy
        self.handles = handles
        continuation = submission.continuation
        maxResponseSize = configuration.maxResponseSize
        addresses = configuration.addresses
        origin = try? Origin(parsing: request.url)
        if Self.sendsBody(method: method, body: request.body) {
            let body = request.body ?? Data()
            // One byte at least, so that an empty body still has a valid pointer.
            let bytes = UnsafeMutableRawPointer.allocate(byteCount: max(1, body.count), alignment: 1)
            UnsafeMutableRawBufferPointer(start: bytes, count: body.count).copyBytes(from: body)
            requestBody = (bytes, body.count)
        } else {
            requestBody = nil
        }
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(to: 0)
        try configure(request: request, configuration: configuration)
    }

    deinit {
        handles.giveBack(easy)
        curl_slist_free_all(requestHeaders)
        requestBody?.bytes.deallocate()
        errorBuffer.deallocate()
    }

    /// The transfer that owns `easy`, found through `CURLOPT_PRIVATE`.
    static func owner(of easy: UnsafeMutableRawPointer) -> CurlTransfer? {
        var pointer: UnsafeMutableRawPointer?
        guard toolport_easy_getinfo_pointer(easy, CURLINFO_PRIVATE, &pointer) == CURLE_OK, let pointer else { return nil }
        return Unmanaged<CurlTransfer>.fromOpaque(pointer).takeUnretainedValue()
    }

    /// How many new connections this transfer opened.
    var connectionsOpened: Int {
        var count = 0
        _ = toolport_easy_getinfo_long(easy, CURLINFO_NUM_CONNECTS, &count)
        return count
    }

    /// Resumes the caller. Call exactly once, after the handle has left the multi handle.
    func finish(_ result: Result<UpstreamResponse, UpstreamError>) {
        continuation.resume(returning: result)
    }

    /// The response, or the error that `code` (the transfer's `CURLcode`) stands for.
    func result(for code: CURLcode) -> Result<UpstreamResponse, UpstreamError> {
        switch code {
        case CURLE_OK:
            var status = 0
            _ = toolport_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
            return .success(UpstreamResponse(status: status, headers: responseHeaders, body: responseBody))
        case CURLE_COULDNT_RESOLVE_PROXY, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_CONNECT, CURLE_SSL_CONNECT_ERROR,
            CURLE_PEER_FAILED_VERIFICATION:
            return .failure(.connectFailed(errorText(code)))
        case CURLE_OPERATION_TIMEDOUT:
            return .failure(requestStarted ? .timedOut : .connectTimedOut)
        case CURLE_WRITE_ERROR where exceededMaxResponseSize:
            return .failure(.responseTooLarge(limit: maxResponseSize))
        case CURLE_ABORTED_BY_CALLBACK where refusedAddress:
            return .failure(.refused(origin: origin?.description ?? "the URL's origin"))
        case CURLE_PARTIAL_FILE:
            return .failure(.transport("the connection closed before the whole response arrived"))
        default:
            return .failure(.transport(errorText(code)))
        }
    }

    // MARK: - Callbacks

    /// Keeps body bytes, or stops the transfer (curl then ends with `CURLE_WRITE_ERROR`) once they pass the cap.
    fileprivate func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Int {
        guard responseBody.count + bytes.count <= maxResponseSize else {
            exceededMaxResponseSize = true
            return 0
        }
        responseBody.append(contentsOf: bytes)
        return bytes.count
    }

    /// Collects the headers of the final response: each status line starts the list again. Read byte by byte:
    /// names lower-cased, values without surrounding spaces, tabs or the line ending.
    fileprivate func receiveHeader(_ bytes: UnsafeRawBufferPointer) -> Int {
        let line = HeaderLine(bytes)
        if line.startsStatus {
            responseHeaders = []
        } else if line.isContinuation, let last = responseHeaders.indices.last {
            // An obsolete folded line continues the previous header's value.
            let more = line.text(of: line.trimmed(0..<bytes.count))
            responseHeaders[last].value += more.isEmpty ? "" : " " + more
        } else if let colon = line.colon {
            let name = line.text(of: line.trimmed(0..<colon), lowercased: true)
            let value = line.text(of: line.trimmed(colon + 1..<bytes.count))
            responseHeaders.append(UpstreamHeader(name, value))
        }
        return bytes.count
    }

    /// Copies the next part of the request body into curl's buffer.
    fileprivate func sendBody(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        guard let requestBody, let destination = buffer.baseAddress else { return 0 }
        let count = min(buffer.count, requestBody.count - bodyOffset)
        destination.copyMemory(from: requestBody.bytes + bodyOffset, byteCount: count)
        bodyOffset += count
        return count
    }

    /// Whether the request may go out on a connection to `address`; marks it started when it may.
    fileprivate func connectionReady(to address: String) -> Bool {
        guard addresses.permits(address: address, origin: origin) else {
            refusedAddress = true
            return false
        }
        requestStarted = true
        return true
    }

    // MARK: - Set-up

    private static func sendsBody(method: String, body: Data?) -> Bool {
        switch method {
        case "HEAD": false
        case "POST", "PUT", "PATCH": true
        default: body != nil
        }
    }

    private func configure(request: UpstreamRequest, configuration: CurlHTTPClient.Configuration) throws(UpstreamError) {
        let this = Unmanaged.passUnretained(self).toOpaque()
        try check(toolport_easy_setopt_pointer(easy, CURLOPT_PRIVATE, this))
        try check(toolport_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer))
        try check(toolport_easy_setopt_string(easy, CURLOPT_URL, request.url))
        try check(toolport_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1))
        try check(toolport_easy_setopt_long(easy, CURLOPT_FOLLOWLOCATION, 0))
        try check(toolport_easy_setopt_string(easy, CURLOPT_PROTOCOLS_STR, "http,https"))
        try check(toolport_easy_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, configuration.connectTimeout.curlMilliseconds))
        let timeout = request.timeout ?? configuration.totalTimeout
        try check(toolport_easy_setopt_long(easy, CURLOPT_TIMEOUT_MS, timeout.curlMilliseconds))
        try check(toolport_easy_setopt_string(easy, CURLOPT_USERAGENT, configuration.userAgent))
        // Empty: offer every encoding this libcurl can decode.
        try check(toolport_easy_setopt_string(easy, CURLOPT_ACCEPT_ENCODING, ""))
        // Refused only by a libcurl without HTTP/2, which then speaks HTTP/1.1.
        _ = toolport_easy_setopt_long(easy, CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_2TLS)
        // Wait for a connection that can multiplex rather than open another one.
        try check(toolport_easy_setopt_long(easy, CURLOPT_PIPEWAIT, 1))
        if !configuration.verifyTLS {
            try check(toolport_easy_setopt_long(easy, CURLOPT_SSL_VERIFYPEER, 0))
            try check(toolport_easy_setopt_long(easy, CURLOPT_SSL_VERIFYHOST, 0))
        }
        try configureMethodAndBody()
        try configureHeaders(request.headers)
        try configureCallbacks(this)
    }

    private func configureMethodAndBody() throws(UpstreamError) {
        if let requestBody {
            // The body goes through the read callback, which cannot rewind: curl then never sends a body twice
            // (it would otherwise silently resend a POST when a reused connection dies).
            try check(toolport_easy_setopt_long(easy, CURLOPT_POST, 1))
            try check(toolport_easy_setopt_off_t(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(requestBody.count)))
        }
        switch method {
        case "HEAD":
            try check(toolport_easy_setopt_long(easy, CURLOPT_NOBODY, 1))
        case "GET" where requestBody == nil:
            try check(toolport_easy_setopt_long(easy, CURLOPT_HTTPGET, 1))
        case "POST" where requestBody != nil:
            break
        default:
            try check(toolport_easy_setopt_string(easy, CURLOPT_CUSTOMREQUEST, method))
        }
    }

    private func configureHeaders(_ headers: [UpstreamHeader]) throws(UpstreamError) {
        var given: Set<String> = []
        for header in headers {
            let name = Self.withoutLineBreaks(header.name)
            let value = Self.withoutLineBreaks(header.value)
            given.insert(name.lowercased())
            // `name;` is curl's spelling of a header with an empty value; `name:` would remove it.
            try appendHeader(value.isEmpty ? "\(name);" : "\(name): \(value)")
        }
        // No `Expect: 100-continue` round trip before large bodies.
        if !given.contains("expect") {
            try appendHeader("Expect:")
        }
        // No made-up `application/x-www-form-urlencoded` for a body whose type the caller did not give.
        if requestBody != nil, !given.contains("content-type") {
            try appendHeader("Content-Type:")
        }
        try check(toolport_easy_setopt_pointer(easy, CURLOPT_HTTPHEADER, requestHeaders))
    }

    private func appendHeader(_ line: String) throws(UpstreamError) {
        guard let list = curl_slist_append(requestHeaders, line) else { throw .transport("curl_slist_append failed") }
        requestHeaders = list
    }

    private func configureCallbacks(_ this: UnsafeMutableRawPointer) throws(UpstreamError) {
        try check(
            toolport_easy_setopt_data_callback(easy, CURLOPT_WRITEFUNCTION) { buffer, size, count, userdata in
                guard let userdata else { return 0 }
                let bytes = UnsafeRawBufferPointer(start: buffer, count: size * count)
                return Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue().receiveBody(bytes)
            }
        )
        try check(toolport_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, this))
        try check(
            toolport_easy_setopt_data_callback(easy, CURLOPT_HEADERFUNCTION) { buffer, size, count, userdata in
                guard let userdata else { return 0 }
                let bytes = UnsafeRawBufferPointer(start: buffer, count: size * count)
                return Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue().receiveHeader(bytes)
            }
        )
        try check(toolport_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, this))
        try check(
            toolport_easy_setopt_data_callback(easy, CURLOPT_READFUNCTION) { buffer, size, count, userdata in
                guard let userdata, let buffer else { return 0 }
                let destination = UnsafeMutableRawBufferPointer(start: buffer, count: size * count)
                return Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue().sendBody(into: destination)
            }
        )
        try check(toolport_easy_setopt_pointer(easy, CURLOPT_READDATA, this))
        try check(toolport_easy_setopt_seek_callback(easy) { _, _, _ in CURL_SEEKFUNC_CANTSEEK })
        try check(
            toolport_easy_setopt_prereq_callback(easy) { userdata, primaryIP, _, _, _ in
                guard let userdata else { return CURL_PREREQFUNC_OK }
                let address = primaryIP.map { String(cString: $0) } ?? ""
                let permitted = Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue().connectionReady(to: address)
                return permitted ? CURL_PREREQFUNC_OK : CURL_PREREQFUNC_ABORT
            }
        )
        try check(toolport_easy_setopt_pointer(easy, CURLOPT_PREREQDATA, this))
    }

    private func check(_ code: CURLcode) throws(UpstreamError) {
        guard code == CURLE_OK else {
            throw .transport("could not set up the request: \(String(cString: curl_easy_strerror(code)))")
        }
    }

    private func errorText(_ code: CURLcode) -> String {
        let text = String(cString: errorBuffer)
        return text.isEmpty ? String(cString: curl_easy_strerror(code)) : text
    }

    /// Drops CR, LF and NUL, which would let a header value inject further header lines.
    private static func withoutLineBreaks(_ text: String) -> String {
        let isBreak: (UInt8) -> Bool = { $0 == 13 || $0 == 10 || $0 == 0 }
        guard text.utf8.contains(where: isBreak) else { return text }
        return String(decoding: text.utf8.filter { !isBreak($0) }, as: UTF8.self)
    }
}

/// One header line as curl hands it over (line ending included), read without Foundation.
struct HeaderLine {
    let bytes: UnsafeRawBufferPointer

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// `HTTP/…`: the status line of a response (an interim one included).
    var startsStatus: Bool {
        bytes.count >= 5 && bytes[0] == UInt8(ascii: "H") && bytes[1] == UInt8(ascii: "T") && bytes[2] == UInt8(ascii: "T")
            && bytes[3] == UInt8(ascii: "P") && bytes[4] == UInt8(ascii: "/")
    }

    /// A line that starts with a space or tab: the rest of the previous header's value.
    var isContinuation: Bool {
        bytes.first == UInt8(ascii: " ") || bytes.first == UInt8(ascii: "\t")
    }

    /// The offset of the first colon.
    var colon: Int? {
        bytes.firstIndex(of: UInt8(ascii: ":"))
    }

    /// `range` without leading and trailing spaces, tabs, CR and LF.
    func trimmed(_ range: Range<Int>) -> Range<Int> {
        func isSpace(_ byte: UInt8) -> Bool { byte == 32 || byte == 9 || byte == 13 || byte == 10 }
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, isSpace(bytes[lower]) { lower += 1 }
        while upper > lower, isSpace(bytes[upper - 1]) { upper -= 1 }
        return lower..<upper
    }

    /// The bytes of `range` as text (invalid UTF-8 repaired), ASCII letters lower-cased when asked.
    func text(of range: Range<Int>, lowercased: Bool = false) -> String {
        let slice = UnsafeRawBufferPointer(rebasing: bytes[range])
        guard lowercased else { return String(decoding: slice, as: UTF8.self) }
        return String(decoding: slice.map { (65...90).contains($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
    }
}

/// Easy handles kept for the next transfers: a reused handle skips curl's set-up of a new one. Loop thread only.
final class EasyHandlePool {
    private var idle: [UnsafeMutableRawPointer] = []
    private let capacity: Int

    /// Keeps at most `capacity` idle handles; more are cleaned up.
    init(capacity: Int) {
        self.capacity = capacity
    }

    deinit {
        idle.forEach { curl_easy_cleanup($0) }
    }

    /// An idle handle, or a new one; nil when curl cannot allocate one.
    func take() -> UnsafeMutableRawPointer? {
        idle.popLast() ?? curl_easy_init()
    }

    /// Takes back `easy`, which is out of any multi handle: reset to curl's defaults, or cleaned up when the pool is full.
    func giveBack(_ easy: UnsafeMutableRawPointer) {
        guard idle.count < capacity else {
            curl_easy_cleanup(easy)
            return
        }
        curl_easy_reset(easy)
        idle.append(easy)
    }
}

extension Duration {
    /// Whole milliseconds for curl's `_MS` options, at least 1 (0 would mean "no timeout").
    fileprivate var curlMilliseconds: Int {
        let (seconds, attoseconds) = components
        let milliseconds = min(seconds, Int64(Int32.max)) * 1000 + attoseconds / 1_000_000_000_000_000
        return Int(max(1, milliseconds))
    }
}
