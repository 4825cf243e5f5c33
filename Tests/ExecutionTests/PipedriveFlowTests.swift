import Catalog
import CurlHTTP
import Execution
import Foundation
import Sandbox
import Testing
import ToolportJSON

/// Realistic sequences of calls, each result read back from the sandbox's state.
struct PipedriveFlowTests {
    @Test func organizationPersonDealNoteActivityUpdateListSearchDeleteThroughTheHTTPAPIOnThe2024API() async throws {
        try await SandboxHarness.run { harness in
            try await ToolportAPI.run(harness.services(storage: harness.database, box: SandboxHarness.box, api: .v1_2024, credentials: StaticCredentialProvider([SandboxHarness.testAccount]))) { pd in
                let org = try await pd.execute("PIPEDRIVE_ADD_AN_ORGANIZATION", ["name": "Acme Corp"])
                let orgID = try #require(org.data["data"]?["id"])
                let person = try await pd.execute("PIPEDRIVE_ADD_A_PERSON", ["name": "Ada Lovelace", "org_id": orgID, "email": [["value": "ada@acme.test", "primary": true]]])
                let personID = try #require(person.data["data"]?["id"])
                let customKey = String(repeating: "a1", count: 20)
                let deal = try await pd.execute("PIPEDRIVE_ADD_A_DEAL", ["title": "Engines", "value": "5000", "currency": "EUR", "person_id": personID, "org_id": orgID, .init(stringLiteral: customKey): "custom value"])
                #expect(deal.successful, "\(deal.error ?? "")")
                let dealID = try #require(deal.data["data"]?["id"])
                #expect(deal.data["data"]?[customKey] == "custom value")

                let note = try await pd.execute("PIPEDRIVE_ADD_A_NOTE", ["content": "Met at the conference", "deal_id": dealID])
                #expect(note.successful, "\(note.error ?? "")")
                let activity = try await pd.execute("PIPEDRIVE_ADD_AN_ACTIVITY", ["subject": "Follow up", "type": "call", "deal_id": dealID, "due_date": "2026-12-01"])
                #expect(activity.successful, "\(activity.error ?? "")")

                let updated = try await pd.execute("PIPEDRIVE_UPDATE_A_DEAL", ["id": dealID, "title": "Analytical engines", "status": "won"])
                #expect(updated.successful, "\(updated.error ?? "")")
                let readBack = try await pd.execute("PIPEDRIVE_GET_DEAL", ["id": dealID])
                #expect(readBack.data["data"]?["title"] == "Analytical engines")
                #expect(readBack.data["data"]?["status"] == "won")
                let readNote = try await pd.execute("PIPEDRIVE_GET_NOTE", ["id": try #require(note.data["data"]?["id"])])
                #expect(readNote.data["data"]?["content"] == "Met at the conference")
                let readActivity = try await pd.execute("PIPEDRIVE_GET_ACTIVITY", ["id": try #require(activity.data["data"]?["id"])])
                #expect(readActivity.data["data"]?["subject"] == "Follow up")
                #expect(readActivity.data["data"]?["deal_id"] == dealID)
                let readPerson = try await pd.execute("PIPEDRIVE_GET_DETAILS_OF_A_PERSON", ["id": personID])
                #expect(readPerson.data["data"]?["name"] == "Ada Lovelace")
                let dealActivities = try await pd.execute("PIPEDRIVE_LIST_DEAL_ACTIVITIES", ["id": dealID])
                #expect(dealActivities.data["data"]?.arrayValue?.count == 1)

                for index in 1...4 { _ = try await pd.execute("PIPEDRIVE_ADD_A_DEAL", ["title": .string("Deal \(index)")]) }
                let firstPage = try await pd.execute("PIPEDRIVE_GET_ALL_DEALS", ["limit": 2, "start": 0])
                #expect(firstPage.data["data"]?.arrayValue?.count == 2)
                let pagination = firstPage.data["additional_data"]?["pagination"]
                #expect(pagination?["more_items_in_collection"] == true)
                #expect(pagination?["next_start"] == 2)
                let lastPage = try await pd.execute("PIPEDRIVE_GET_ALL_DEALS", ["limit": 2, "start": 4])
                #expect(lastPage.data["data"]?.arrayValue?.count == 1)
                #expect(lastPage.data["additional_data"]?["pagination"]?["more_items_in_collection"] == false)

                let search = try await pd.execute("PIPEDRIVE_SEARCH_DEALS", ["term": "Analytical"])
                #expect(search.successful, "\(search.error ?? "")")
                #expect(search.data["data"]?["items"]?.arrayValue?.first?["item"]?["id"] == dealID)

                let deleted = try await pd.execute("PIPEDRIVE_DELETE_DEAL", ["id": dealID])
                #expect(deleted.successful)
                let gone = try await pd.execute("PIPEDRIVE_GET_DEAL", ["id": dealID])
                #expect(!gone.successful)
                #expect(gone.error?.hasPrefix("Pipedrive 404:") == true)
                #expect(gone.data["status_code"] == 404)
                let log = try await pd.log(gone.logID)
                #expect(log["status_code"] == 404)
                #expect(log["tool_slug"] == "PIPEDRIVE_GET_DEAL")
            }
        }
    }

    @Test func personAndDealWithACustomFieldCursorPagingSearchUpdateDeleteOnTheCurrentAPI() async throws {
        try await SandboxHarness.run { harness in
            try await ToolportAPI.run(harness.services(storage: harness.database, box: SandboxHarness.box, credentials: StaticCredentialProvider([SandboxHarness.testAccount]))) { pd in
                let customKey = String(repeating: "b2", count: 20)
                let person = try await pd.execute("PIPEDRIVE_ADD_A_PERSON", ["name": "Ada Lovelace", "email": [["value": "ada@acme.test", "primary": true]]])
                #expect(person.successful, "\(person.error ?? "")")
                let personID = try #require(person.data["data"]?["id"])
                let deal = try await pd.execute("PIPEDRIVE_ADD_A_DEAL", [
                    "title": "Engines", "value": "5000", "person_id": personID, "user_id": 1, .init(stringLiteral: customKey): "blue",
                ])
                #expect(deal.successful, "\(deal.error ?? "")")
                let dealID = try #require(deal.data["data"]?["id"])
                #expect(deal.data["data"]?["custom_fields"]?[customKey] == "blue")
                #expect(deal.data["data"]?["value"] == 5000)
                #expect(deal.data["data"]?["owner_id"] == 1)
                let sent = await harness.sandbox.recordedRequests().last
                #expect(sent?.path == "/api/v2/deals")
                #expect(sent?.jsonBody?["custom_fields"]?[customKey] == "blue")
                #expect(sent?.jsonBody?["owner_id"] == 1)

                for index in 1...4 { _ = try await pd.execute("PIPEDRIVE_ADD_A_DEAL", ["title": .string("Deal \(index)")]) }
                var titles: [String] = []
                var cursor: JSONValue = .null
                var pages = 0
                repeat {
                    var arguments: [String: JSONValue] = ["limit": 2, "sort": "id ASC"]
                    if cursor != .null { arguments["cursor"] = cursor }
                    let page = try await pd.execute("PIPEDRIVE_GET_ALL_DEALS", .object(arguments))
                    #expect(page.successful, "\(page.error ?? "")")
                    titles += page.data["data"]?.arrayValue?.compactMap { $0["title"]?.stringValue } ?? []
                    cursor = page.data["next_cursor"] ?? .null
                    pages += 1
                } while cursor != .null && pages < 10
                #expect(pages == 3)
                #expect(titles == ["Engines", "Deal 1", "Deal 2", "Deal 3", "Deal 4"])
                let offset = try await pd.execute("PIPEDRIVE_GET_ALL_DEALS", ["start": 2])
                #expect(!offset.successful)
                #expect(offset.error?.contains("pages by cursor") == true)

                let search = try await pd.execute("PIPEDRIVE_SEARCH_DEALS", ["term": "Engines"])
                #expect(search.successful, "\(search.error ?? "")")
                #expect(search.data["data"]?["items"]?.arrayValue?.first?["item"]?["id"] == dealID)
                #expect(await harness.sandbox.recordedRequests().last?.path == "/api/v2/deals/search")

                let updated = try await pd.execute("PIPEDRIVE_UPDATE_A_DEAL", ["id": dealID, "title": "Analytical engines", "status": "won"])
                #expect(updated.successful, "\(updated.error ?? "")")
                #expect(await harness.sandbox.recordedRequests().last?.method == "PATCH")
                let readBack = try await pd.execute("PIPEDRIVE_GET_DEAL", ["id": dealID])
                #expect(readBack.data["data"]?["title"] == "Analytical engines")
                #expect(readBack.data["data"]?["custom_fields"]?[customKey] == "blue")

                let deleted = try await pd.execute("PIPEDRIVE_DELETE_DEAL", ["id": dealID])
                #expect(deleted.successful, "\(deleted.error ?? "")")
                let gone = try await pd.execute("PIPEDRIVE_GET_DEAL", ["id": dealID])
                #expect(gone.error?.hasPrefix("Pipedrive 404") == true)
            }
        }
    }

    @Test func fileUploadRoundTripsThroughMultipartAndBase64Download() async throws {
        try await SandboxHarness.run { harness in
            let pd = harness.executor()
            let bytes = Data((0..<2048).map { UInt8($0 % 251) })
            let upload = try await pd.run("PIPEDRIVE_ADD_FILE", ["file": ["name": "report.bin", "mimetype": "application/octet-stream", "content": .string(bytes.base64EncodedString())]])
            #expect(upload.successful, "\(upload.error ?? "")")
            let fileID = try #require(upload.data["data"]?["id"])
            let download = try await pd.run("PIPEDRIVE_DOWNLOAD_FILE", ["id": fileID])
            #expect(download.successful, "\(download.error ?? "")")
            let file = try #require(download.data["file"])
            #expect(file["size"] == .integer(2048))
            #expect(file["content_base64"]?.stringValue.flatMap { Data(base64Encoded: $0) } == bytes)

            let bad = try await pd.run("PIPEDRIVE_ADD_FILE", ["file": ["name": "x.txt", "content": "%%% not base64 %%%"]])
            #expect(!bad.successful)
            #expect(bad.error?.contains("file: content is not valid base64") == true)
        }
    }

    @Test func bulkDeleteSendsCommaSeparatedIDsAndDeleteWithBodySendsJSON() async throws {
        try await SandboxHarness.run { harness in
            let pd = harness.executor()
            for index in 1...3 { _ = try await pd.run("PIPEDRIVE_ADD_A_DEAL", ["title": .string("Deal \(index)")]) }
            await harness.sandbox.clearRecordedRequests()
            let bulk = try await pd.run("PIPEDRIVE_DELETE_DEALS_BULK", ["ids": "1,2"])
            #expect(bulk.successful, "\(bulk.error ?? "")")
            let recorded = await harness.sandbox.recordedRequests()
            #expect(recorded.last?.method == "DELETE")
            #expect(recorded.last?.query["ids"] == "1,2")
            let remaining = try await pd.run("PIPEDRIVE_GET_ALL_DEALS", [:])
            #expect(remaining.data["data"]?.arrayValue?.count == 1)

            let unassign = try await pd.run("PIPEDRIVE_DELETE_ROLE_ASSIGNMENT", ["id": 3, "user_id": 7])
            #expect(unassign.successful, "\(unassign.error ?? "")")
            let delete = await harness.sandbox.recordedRequests().last
            #expect(delete?.method == "DELETE")
            #expect(delete?.path == "/api/v1/roles/3/assignments")
            #expect(delete?.jsonBody == ["user_id": 7])
        }
    }

    @Test func hundredConcurrentExecutionsGetTheirOwnAnswers() async throws {
        try await SandboxHarness.run { harness in
            let pd = harness.executor()
            let created = try await withThrowingTaskGroup(of: (String, JSONValue?).self) { group in
                for index in 0..<100 {
                    group.addTask {
                        let title = "Concurrent \(index)"
                        let result = try await pd.run("PIPEDRIVE_ADD_A_DEAL", ["title": .string(title)])
                        return (title, result.data["data"]?["id"])
                    }
                }
                var pairs: [(String, JSONValue?)] = []
                for try await pair in group { pairs.append(pair) }
                return pairs
            }
            #expect(Set(created.compactMap(\.1)).count == 100)
            let mismatches = try await withThrowingTaskGroup(of: Bool.self) { group in
                for (title, id) in created {
                    group.addTask {
                        let result = try await pd.run("PIPEDRIVE_GET_DEAL", ["id": id ?? 0])
                        return result.data["data"]?["title"]?.stringValue != title
                    }
                }
                var count = 0
                for try await mismatch in group where mismatch { count += 1 }
                return count
            }
            #expect(mismatches == 0)
        }
    }
}
