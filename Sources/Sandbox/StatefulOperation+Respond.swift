import Foundation
import HTTPTypes
import Hummingbird
import ToolportJSON

extension StatefulOperation {
    /// Answers the operation from `store`, changing it for writes.
    /// - Parameters:
    ///   - request: The request, for its query and multipart parts.
    ///   - fields: The request's body fields.
    ///   - id: The `{id}` of the path, when the template has one.
    func respond(to request: RecordedRequest, fields: [String: JSONValue], id: String?, store: inout CRMStore, now: Date) -> Response {
        let page = Pagination(query: request.query)
        switch self {
        case .list(let kind):
            return PipedriveResponse.list(V1Expansion.expanded(store[kind].list(matching: request.query), kind: kind, store: store), page: page)
        case .add(.files):
            return FileEndpoint.upload(request, fields: fields, store: &store, now: now)
        case .add(let kind):
            let record = store[kind].insert(fields, now: now)
            var response = PipedriveResponse.success(.object(V1Expansion.expanded(record, kind: kind, store: store)))
            if kind.answersAddWithCreated { response.status = .created }
            return response
        case .get(let kind) where id == "archived" && kind.archives:
            let archived = store[kind].records.filter { $0["is_archived"] == true }.map(JSONValue.object)
            return PipedriveResponse.list(V1Expansion.expanded(archived, kind: kind, store: store), page: page)
        case .get(let kind):
            guard let id, let record = store[kind].record(id: id) else { return Self.notFound(kind) }
            return PipedriveResponse.success(.object(V1Expansion.expanded(record, kind: kind, store: store)))
        case .update(let kind):
            guard let id, let record = store[kind].update(id: id, with: fields, now: now) else { return Self.notFound(kind) }
            return PipedriveResponse.success(.object(V1Expansion.expanded(record, kind: kind, store: store)))
        case .remove(let kind):
            guard let id, let removed = store[kind].remove(id: id, now: now) else { return Self.notFound(kind) }
            if kind == .files { store.fileContents[id] = nil }
            return PipedriveResponse.success(kind.answersRemoveWithTrue ? true : ["id": removed])
        case .bulkRemove(let kind):
            let ids = (request.query["ids"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            let removed = ids.compactMap { store[kind].remove(id: $0, now: now) }
            return PipedriveResponse.success(["id": .array(removed)])
        case .search(let kind):
            return Self.search([kind], request: request, store: store, page: page)
        case .itemSearch:
            let names = request.query["item_types"].map { $0.split(separator: ",").map(String.init) }
            let kinds: [EntityKind] = [.deals, .persons, .organizations, .products, .leads, .files].filter { kind in
                names?.contains(kind.itemType) ?? true
            }
            return Self.search(kinds, request: request, store: store, page: page)
        case .currentUser:
            let user = store[.users].record(id: String(CRMStore.sandboxUserID)) ?? [:]
            return PipedriveResponse.success(.object(user))
        case .dealsSummary:
            return PipedriveResponse.success(DealStatistics.summary(deals: store[.deals].records, stages: store[.stages].records, query: request.query))
        case .dealsTimeline:
            guard let timeline = DealStatistics.timeline(deals: store[.deals].records, stages: store[.stages].records, query: request.query) else {
                return PipedriveResponse.error(.badRequest, "start_date (YYYY-MM-DD), interval (day, week, month, quarter), amount and field_key are required")
            }
            return PipedriveResponse.success(timeline)
        case .download:
            return FileEndpoint.download(id: id, store: store)
        case .related(let parent, let child, let relation):
            guard let id, let record = store[parent].record(id: id) else { return Self.notFound(parent) }
            let children = relation.children(of: record, in: store[child])
            // The deals of a pipeline or stage keep their ids (the spec's `dealStrict`).
            let shown = [.pipelines, .stages].contains(parent) ? children : V1Expansion.expanded(children, kind: child, store: store)
            return PipedriveResponse.list(shown, page: page)
        }
    }

    static func notFound(_ kind: EntityKind) -> Response {
        PipedriveResponse.error(.notFound, "\(kind.singular) not found")
    }

    /// Pipedrive wants at least 2 characters, or 1 with `exact_match=true`.
    private static func search(_ kinds: [EntityKind], request: RecordedRequest, store: CRMStore, page: Pagination) -> Response {
        let term = request.query["term"] ?? ""
        let exact = request.query["exact_match"] == "true" || request.query["exact_match"] == "1"
        guard term.count >= (exact ? 1 : 2) else {
            return PipedriveResponse.error(.badRequest, "Search term must be at least \(exact ? 1 : 2) characters long")
        }
        return PipedriveResponse.searchResults(kinds.flatMap { store[$0].search(term, exact: exact) }, page: page)
    }
}
