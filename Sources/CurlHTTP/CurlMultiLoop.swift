import CCurl
import Dispatch
import Foundation
import Logging
import Synchronization

/// Owns a curl multi handle and the one thread that drives it.
///
/// Other threads talk to the loop only through `inbox` (a mutex) followed by `curl_multi_wakeup`, which libcurl allows
/// from any thread. The loop thread takes new submissions and cancellations from the inbox, adds and removes easy
/// handles, runs `curl_multi_perform`, resumes the callers of finished transfers and sleeps in `curl_multi_poll`.
///
/// `@unchecked Sendable` invariant: once `init` has started the thread, `multi`, `transfers`, `handles` and every easy
/// handle are touched only on the loop thread (and by `deinit`, after the thread has ended). The one exception is `curl_multi_wakeup`, called by other threads only under the
/// inbox lock and before `isStopping` is set, so never after the loop thread has cleaned up the multi handle.
final class CurlMultiLoop: @unchecked Sendable {
    /// A request handed to the loop thread.
    struct Submission: Sendable {
        let id: UInt64
        let request: UpstreamRequest
        let continuation: CheckedContinuation<Result<UpstreamResponse, UpstreamError>, Never>

        func fail(_ error: UpstreamError) {
            continuation.resume(returning: .failure(error))
        }
    }

    private struct Inbox {
        var submissions: [Submission] = []
        var cancellations: [UInt64] = []
        var isStopping = false
    }

    /// `curl_global_init` runs once per process, before the first multi handle is made.
    private static let globalInitResult = curl_global_init(Int(CURL_GLOBAL_DEFAULT))

    private let configuration: CurlHTTPClient.Configuration
    private let logger: Logger
    private let multi: UnsafeMutableRawPointer
    private let inbox = Mutex(Inbox())
    private let nextTransferID = Atomic<UInt64>(0)
    private let openedConnections = Atomic<Int>(0)
    /// Left by the loop thread once the multi handle is cleaned up.
    private let running = DispatchGroup()
    /// The transfers in the multi handle, by id. Loop thread only.
    private var transfers: [UInt64: CurlTransfer] = [:]
    /// Easy handles between transfers. Loop thread only.
    private let handles: EasyHandlePool

    /// Makes the multi handle and starts the loop thread.
    init(configuration: CurlHTTPClient.Configuration, logger: Logger) {
        precondition(Self.globalInitResult == CURLE_OK, "curl_global_init failed")
        guard let multi = curl_multi_init() else { preconditionFailure("curl_multi_init failed") }
        _ = toolport_multi_setopt_long(multi, CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX)
        _ = toolport_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, max(1, configuration.maxConnectionsPerHost))
        self.configuration = configuration
        self.logger = logger
        self.multi = multi
        self.handles = EasyHandlePool(capacity: max(1, configuration.maxConnectionsPerHost))
        running.enter()
        let thread = Thread { [self] in
            runLoop()
        }
        thread.name = "toolport-curl"
        thread.start()
    }

    /// Connections opened by finished transfers so far.
    var connectionsOpened: Int {
        openedConnections.load(ordering: .relaxed)
    }

    /// A fresh id for `submit` and `cancel`.
    func makeTransferID() -> UInt64 {
        nextTransferID.wrappingAdd(1, ordering: .relaxed).newValue
    }

    /// Queues a request for the loop thread, or fails it with `.cancelled` when the calling task is already cancelled
    /// or the loop is stopping.
    func submit(_ submission: Submission) {
        let accepted = inbox.withLock { inbox in
            // A task cancelled before this point had its `cancel(_:)` find nothing to cancel: fail it here instead.
            guard !inbox.isStopping, !Task.isCancelled else { return false }
            inbox.submissions.append(submission)
            curl_multi_wakeup(multi)
            return true
        }
        if !accepted {
            submission.fail(.cancelled)
        }
    }

    /// Fails request `id` with `.cancelled`: at once if it is still queued, else on the loop thread, which takes its
    /// handle out of the multi handle. Does nothing for a request that has finished.
    func cancel(_ id: UInt64) {
        let queued: Submission? = inbox.withLock { inbox in
            if let index = inbox.submissions.firstIndex(where: { $0.id == id }) {
                return inbox.submissions.remove(at: index)
            }
            if !inbox.isStopping {
                inbox.cancellations.append(id)
                curl_multi_wakeup(multi)
            }
            return nil
        }
        queued?.fail(.cancelled)
    }

    /// Fails queued requests with `.cancelled`, tells the loop thread to stop, and waits until it has failed the running
    /// ones and cleaned up every handle. Idempotent.
    func shutdown() {
        let queued: [Submission] = inbox.withLock { inbox in
            guard !inbox.isStopping else { return [] }
            inbox.isStopping = true
            curl_multi_wakeup(multi)
            defer { inbox.submissions = [] }
            return inbox.submissions
        }
        for submission in queued {
            submission.fail(.cancelled)
        }
        running.wait()
    }

    // MARK: - Loop thread

    private func runLoop() {
        while true {
            let (submissions, cancellations, isStopping) = inbox.withLock { inbox in
                defer {
                    inbox.submissions = []
                    inbox.cancellations = []
                }
                return (inbox.submissions, inbox.cancellations, inbox.isStopping)
            }
            if isStopping {
                break
            }
            for submission in submissions {
                start(submission)
            }
            for id in cancellations {
                stopTransfer(id)?.finish(.failure(.cancelled))
            }
            var stillRunning: Int32 = 0
            curl_multi_perform(multi, &stillRunning)
            finishCompletedTransfers()
            // Sleeps until a socket is ready, curl's next timeout, or a wakeup; the 1 s cap is a safety net only.
            curl_multi_poll(multi, nil, 0, 1000, nil)
        }
        for id in Array(transfers.keys) {
            stopTransfer(id)?.finish(.failure(.cancelled))
        }
        curl_multi_cleanup(multi)
        running.leave()
    }

    private func start(_ submission: Submission) {
        guard let easy = handles.take() else {
            submission.fail(.transport("curl_easy_init failed"))
            return
        }
        let transfer: CurlTransfer
        do throws(UpstreamError) {
            transfer = try CurlTransfer(submission: submission, easy: easy, handles: handles, configuration: configuration)
        } catch {
            submission.fail(error)
            return
        }
        let code = curl_multi_add_handle(multi, transfer.easy)
        guard code == CURLM_OK else {
            transfer.finish(.failure(.transport(String(cString: curl_multi_strerror(code)))))
            return
        }
        transfers[submission.id] = transfer
    }

    /// Takes transfer `id` out of the multi handle; nil when it has already finished.
    private func stopTransfer(_ id: UInt64) -> CurlTransfer? {
        guard let transfer = transfers.removeValue(forKey: id) else { return nil }
        curl_multi_remove_handle(multi, transfer.easy)
        return transfer
    }

    private func finishCompletedTransfers() {
        var queuedMessages: Int32 = 0
        while let message = curl_multi_info_read(multi, &queuedMessages) {
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
            let code = message.pointee.data.result
            guard let owner = CurlTransfer.owner(of: easy), let transfer = stopTransfer(owner.id) else { continue }
            openedConnections.add(transfer.connectionsOpened, ordering: .relaxed)
            let result = transfer.result(for: code)
            if case .failure(let error) = result {
                logger.debug(
                    "HTTP request failed",
                    metadata: ["http.method": "\(transfer.method)", "curl.code": "\(code.rawValue)", "error": "\(error)"]
                )
            }
            transfer.finish(result)
        }
    }
}
