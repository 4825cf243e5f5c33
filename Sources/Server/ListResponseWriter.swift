import NIOCore

/// Writes a Composio list response (`{items, next_cursor, total_pages, current_page, total_items}`)
/// around items that are already encoded.
enum ListResponseWriter {
    static func write(items: some Sequence<ByteBuffer>, page: Page, allocator: ByteBufferAllocator = ByteBufferAllocator()) -> ByteBuffer {
        var buffer = allocator.buffer(capacity: 4096)
        buffer.writeString("{\"current_page\":\(page.currentPage),\"items\":[")
        var first = true
        for item in items {
            if !first { buffer.writeInteger(UInt8(ascii: ",")) }
            var item = item
            buffer.writeBuffer(&item)
            first = false
        }
        buffer.writeString("],\"next_cursor\":")
        if let cursor = page.nextCursor {
            buffer.writeString("\"\(cursor)\"")  // base64 without padding: no characters need escaping
        } else {
            buffer.writeString("null")
        }
        buffer.writeString(",\"total_items\":\(page.totalItems),\"total_pages\":\(page.totalPages)}")
        return buffer
    }
}
