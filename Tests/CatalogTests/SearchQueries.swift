/// Natural-language requests, phrased the way an agent or a user asks, each with the one tool that answers it.
///
/// `SearchQualityTests` runs the whole set through `Catalog.search` and checks the top-3 hit rate; `docs/search.md`
/// reports the rates and the misses. When a real request ranks badly, add it here before changing the ranking.
enum SearchQueries {
    struct Case: Sendable, CustomStringConvertible {
        var query: String
        /// The slug without the `PIPEDRIVE_` prefix.
        var expected: String
        var slug: String { "PIPEDRIVE_" + expected }
        var description: String { "\"\(query)\" → \(expected)" }

        init(_ query: String, _ expected: String) {
            self.query = query
            self.expected = expected
        }
    }

    static let all: [Case] = [
        // Deals
        Case("create a new deal for Acme", "ADD_A_DEAL"),
        Case("mark deal as won", "UPDATE_A_DEAL"),
        Case("move a deal to another stage", "UPDATE_A_DEAL"),
        Case("add product to deal", "ADD_DEAL_PRODUCT"),
        Case("remove a person from followers of a deal", "DELETE_DEAL_FOLLOWER"),
        Case("show me every deal in the account", "GET_ALL_DEALS"),
        Case("get rid of deal 42", "DELETE_DEAL"),
        Case("merge two duplicate deals", "MERGE_TWO_DEALS"),
        Case("copy an existing deal", "DUPLICATE_DEAL"),
        Case("find deals matching a keyword", "SEARCH_DEALS"),
        Case("who are the participants in this deal", "LIST_PARTICIPANTS_OF_A_DEAL"),
        Case("which products are on a deal", "LIST_DEAL_PRODUCTS"),
        Case("show the change history of a deal", "LIST_DEAL_UPDATES"),
        Case("summary of deal values", "GET_DEALS_SUMMARY"),
        Case("get a deal by id", "GET_DEAL"),
        Case("delete several deals at once", "DELETE_DEALS_BULK"),
        Case("create a custom field for deals", "ADD_DEAL_FIELD"),
        Case("which files are attached to a deal", "LIST_DEAL_FILES"),
        Case("emails linked to a deal", "LIST_DEAL_MAIL_MESSAGES"),
        Case("add someone as a follower on a deal", "ADD_DEAL_FOLLOWER"),
        Case("who can access this deal", "LIST_DEAL_USERS"),
        Case("add a person to a deal as participant", "ADD_DEAL_PARTICIPANT"),
        Case("remove product from a deal", "DELETE_DEAL_PRODUCT"),
        Case("delete a custom deal field", "DELETE_DEAL_FIELD"),
        Case("deal timeline by month", "GET_DEALS_TIMELINE"),
        Case("deal fields list", "GET_ALL_DEAL_FIELDS"),
        Case("add a contact as deal participant", "ADD_DEAL_PARTICIPANT"),

        // Persons (contacts)
        Case("list all contacts", "GET_ALL_PERSONS"),
        Case("add a new contact named John Smith", "ADD_A_PERSON"),
        Case("upload a picture for a contact", "ADD_PERSON_PICTURE"),
        Case("search for a person by email", "SEARCH_PERSONS"),
        Case("change a contact's phone number", "UPDATE_A_PERSON"),
        Case("merge duplicate contacts", "MERGE_TWO_PERSONS"),
        Case("get a contact's details", "GET_DETAILS_OF_A_PERSON"),
        Case("which deals is this person involved in", "LIST_PERSON_DEALS"),
        Case("remove a contact", "DELETE_A_PERSON"),
        Case("delete many people in bulk", "DELETE_PERSONS_BULK"),
        Case("show activities with this contact", "LIST_PERSON_ACTIVITIES"),
        Case("who follows this person", "LIST_PERSON_FOLLOWERS"),
        Case("files uploaded to a contact", "LIST_PERSON_FILES"),
        Case("email conversation with a contact", "LIST_PERSON_MAIL_MESSAGES"),
        Case("custom fields available on persons", "GET_ALL_PERSON_FIELDS"),
        Case("list all products attached to a contact", "LIST_PERSON_PRODUCTS"),
        Case("add a new contact person to an organization", "ADD_A_PERSON"),

        // Organizations (companies)
        Case("find a company by name", "SEARCH_ORGANIZATIONS"),
        Case("delete several organizations at once", "DELETE_ORGANIZATIONS_BULK"),
        Case("create a company", "ADD_AN_ORGANIZATION"),
        Case("list people who work at an organization", "LIST_ORGANIZATION_PERSONS"),
        Case("update the address of an organization", "UPDATE_AN_ORGANIZATION"),
        Case("list every company", "GET_ALL_ORGANIZATIONS"),
        Case("link a parent company to its subsidiary", "CREATE_ORGANIZATION_RELATIONSHIP"),
        Case("show all deals for an org", "LIST_ORGANIZATION_DEALS"),
        Case("merge two companies", "MERGE_TWO_ORGANIZATIONS"),
        Case("get company details", "GET_DETAILS_OF_AN_ORGANIZATION"),
        Case("follow an organization", "ADD_ORGANIZATION_FOLLOWER"),
        Case("new organization", "ADD_AN_ORGANIZATION"),
        Case("list all organization fields", "GET_ALL_ORGANIZATION_FIELDS"),
        Case("what changed on an organization", "LIST_UPDATES_ABOUT_AN_ORGANIZATION"),
        Case("create an organization custom field", "ADD_ORGANIZATION_FIELD"),
        Case("list organization followers", "LIST_ORGANIZATION_FOLLOWERS"),

        // Activities and calls
        Case("log a call", "ADD_CALL_LOG"),
        Case("schedule a meeting with a client", "ADD_AN_ACTIVITY"),
        Case("mark an activity as done", "UPDATE_AN_ACTIVITY"),
        Case("list activities assigned to a user", "GET_ALL_ACTIVITIES_ASSIGNED_TO_A_PARTICULAR_USER"),
        Case("cancel a scheduled activity", "DELETE_AN_ACTIVITY"),
        Case("what activity types exist", "GET_ALL_ACTIVITY_TYPES"),
        Case("create a new activity type", "ADD_ACTIVITY_TYPE"),
        Case("attach a recording to a call log", "ADD_CALL_LOG_AUDIO_FILE"),
        Case("remove a logged call", "DELETE_CALL_LOG"),
        Case("get the list of activity fields", "GET_ALL_ACTIVITY_FIELDS"),
        Case("bulk delete activities", "DELETE_ACTIVITIES_BULK"),
        Case("show details of one activity", "GET_ACTIVITY"),
        Case("update an activity type icon", "UPDATE_AN_ACTIVITY_TYPE"),

        // Notes
        Case("write a note on a deal", "ADD_A_NOTE"),
        Case("show all notes", "GET_ALL_NOTES"),
        Case("comment on a note", "ADD_NOTE_COMMENT"),
        Case("edit a note", "UPDATE_A_NOTE"),
        Case("remove a note", "DELETE_NOTE"),
        Case("create a note on a contact", "ADD_A_NOTE"),
        Case("get the comments on a note", "GET_NOTE_COMMENTS"),

        // Leads
        Case("create a lead from a website signup", "ADD_LEAD"),
        Case("search leads by title", "SEARCH_LEADS"),
        Case("show all leads in the inbox", "GET_ALL_LEADS"),
        Case("list lead labels", "GET_ALL_LEAD_LABELS"),
        Case("delete a lead", "DELETE_LEAD"),
        Case("list lead sources", "GET_ALL_LEAD_SOURCES"),
        Case("change the title of a lead", "UPDATE_A_LEAD"),
        Case("create a label for leads", "ADD_LEAD_LABEL"),
        Case("get a lead by id", "GET_ONE_LEAD"),

        // Products
        Case("add a product to the catalog", "ADD_PRODUCT"),
        Case("find a product by code", "SEARCH_PRODUCTS"),
        Case("which deals include this product", "GET_DEALS_WITH_PRODUCT"),
        Case("change the price of a product", "UPDATE_A_PRODUCT"),
        Case("show the product catalog", "GET_ALL_PRODUCTS"),
        Case("erase a product", "DELETE_PRODUCT"),
        Case("unfollow a product", "DELETE_PRODUCT_FOLLOWER"),
        Case("create a new product field", "ADD_PRODUCT_FIELD"),
        Case("delete a product field", "DELETE_PRODUCT_FIELD"),
        Case("follow a product", "ADD_PRODUCT_FOLLOWER"),

        // Pipelines and stages
        Case("get pipeline stages", "GET_ALL_STAGES"),
        Case("create a sales pipeline", "ADD_PIPELINE"),
        Case("list pipelines", "GET_ALL_PIPELINES"),
        Case("conversion rates between stages", "GET_DEALS_CONVERSION_RATES_IN_PIPELINE"),
        Case("show deals in the negotiation stage", "GET_DEALS_IN_A_STAGE"),
        Case("rename a stage", "UPDATE_STAGE_DETAILS"),
        Case("add a stage to a pipeline", "ADD_STAGE"),
        Case("list deals in a pipeline", "GET_DEALS_IN_A_PIPELINE"),
        Case("fetch one stage", "GET_STAGE"),
        Case("get details of a pipeline", "GET_PIPELINE"),
        Case("remove a stage from a pipeline", "DELETE_A_STAGE"),
        Case("how many deals moved between stages", "GET_PIPELINE_MOVEMENT_STATISTICS"),
        Case("delete a pipeline", "DELETE_PIPELINE"),
        Case("edit pipeline name", "UPDATE_A_PIPELINE"),

        // Files
        Case("attach a file to a deal", "ADD_FILE"),
        Case("upload a document", "ADD_FILE"),
        Case("download a file", "DOWNLOAD_FILE"),
        Case("list all files", "GET_ALL_FILES"),
        Case("rename a file", "UPDATE_FILE_DETAILS"),

        // Filters
        Case("create a saved filter for big deals", "ADD_FILTER"),
        Case("list my filters", "GET_ALL_FILTERS"),
        Case("delete a filter", "DELETE_FILTER"),
        Case("update the filter conditions", "UPDATE_FILTER"),

        // Users, roles and teams
        Case("who is the logged in user", "GET_CURRENT_USER_DATA"),
        Case("list all users in the company", "GET_ALL_USERS"),
        Case("find a user by name", "FIND_USERS_BY_NAME"),
        Case("invite a new user", "ADD_USER"),
        Case("what permissions does a user have", "LIST_USER_PERMISSIONS"),
        Case("deactivate a user", "UPDATE_USER_DETAILS"),
        Case("assign a user to a role", "ADD_ROLE_ASSIGNMENT"),
        Case("show all roles", "GET_ALL_ROLES"),
        Case("get a user by id", "GET_USER"),
        Case("list users who follow a user", "LIST_USER_FOLLOWERS"),
        Case("list teams", "GET_ALL_TEAMS"),
        Case("list roles assigned to a user", "LIST_USER_ROLE_ASSIGNMENTS"),
        Case("create a new permission role", "ADD_ROLE"),

        // Webhooks
        Case("subscribe to deal updates with a webhook", "CREATE_WEBHOOK"),
        Case("list webhooks", "GET_ALL_WEBHOOKS"),
        Case("remove a webhook", "DELETE_WEBHOOK"),
        Case("set up a webhook", "CREATE_WEBHOOK"),
        Case("show me all webhooks configured", "GET_ALL_WEBHOOKS"),

        // Goals
        Case("set a sales goal for the team", "ADD_GOAL"),
        Case("check progress toward a goal", "GET_GOAL_RESULT"),
        Case("look up goals", "FIND_GOALS"),
        Case("list all the goals", "FIND_GOALS"),
        Case("change a goal's target", "UPDATE_GOAL"),
        Case("delete a goal", "DELETE_GOAL"),

        // Mailbox
        Case("read emails in my inbox", "GET_MAIL_THREADS"),
        Case("open an email message", "GET_MAIL_MESSAGE"),
        Case("delete an email thread", "DELETE_MAIL_THREAD"),
        Case("messages in an email thread", "GET_MAIL_THREAD_MESSAGES"),
        Case("mark an email thread as read", "UPDATE_MAIL_THREAD"),
        Case("show an email thread", "GET_MAIL_THREAD"),

        // Search
        Case("search across deals, people and organizations", "SEARCH_MULTIPLE_ITEM_TYPES"),
        Case("search by a custom field value", "SEARCH_ITEM_BY_FIELD"),
        Case("search all items for a keyword", "SEARCH_MULTIPLE_ITEM_TYPES"),
        Case("find values of a specific field", "SEARCH_ITEM_BY_FIELD"),

        // Projects and tasks
        Case("start a new project", "ADD_PROJECT"),
        Case("archive a project", "ARCHIVE_PROJECT"),
        Case("list tasks in a project", "GET_PROJECT_TASKS"),
        Case("list all projects", "GET_ALL_PROJECTS"),
        Case("create a task in a project", "ADD_TASK"),
        Case("list project templates", "GET_ALL_PROJECT_TEMPLATES"),
        Case("show details of a task", "GET_TASK"),
        Case("update an existing task", "UPDATE_TASK"),
        Case("list boards for projects", "GET_ALL_PROJECT_BOARDS"),
        Case("project phases", "GET_PROJECT_PHASES"),
        Case("remove a project", "DELETE_PROJECT"),
        Case("change project status", "UPDATE_PROJECT"),

        // Other
        Case("what currencies are supported", "GET_ALL_SUPPORTED_CURRENCIES"),
        Case("recent changes since yesterday", "GET_RECENTS"),
        Case("refresh the oauth token", "REFRESH_TOKENS"),
        Case("create a recurring subscription for a deal", "ADD_RECURRING_SUBSCRIPTION"),
        Case("payments for a subscription", "GET_SUBSCRIPTION_PAYMENTS"),
        Case("what add-ons does the company have", "GET_COMPANY_ADD_ONS"),
    ]
}
