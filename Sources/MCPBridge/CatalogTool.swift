public import Catalog

/// The catalog's tool type, named apart from MCP's `Tool` (this module sees both).
public typealias CatalogTool = Tool
