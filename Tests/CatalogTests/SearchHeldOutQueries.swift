/// Requests written blind — without looking at the ranking or its tuning set — and never used to tune it.
///
/// `SearchQualityTests` reports top-1 and top-3 on this set separately from `SearchQueries.all`; docs/search.md
/// gives both. Do not tune the ranking against these: when a request here ranks badly, write a paraphrase of it
/// into `SearchQueries` instead, and replace the held-out set with fresh requests when it has been looked at too often.
/// (The first held-out set, measured once, is `SearchQueries.heldOutRound1` now.)
enum SearchHeldOutQueries {
    static let all: [SearchQueries.Case] = [
        // Deals
        SearchQueries.Case("Create a new opportunity called Acme Renewal 2025 worth 18,000 EUR for the customer Globex", "ADD_A_DEAL"),
        SearchQueries.Case("We closed it! Mark deal 4512 as won", "UPDATE_A_DEAL"),
        SearchQueries.Case("Move the Northwind expansion deal (id 982) into the Negotiation stage, stage id 14", "UPDATE_A_DEAL"),
        SearchQueries.Case("The Hooli opportunity fell through - set deal 771 to lost with the reason budget cut", "UPDATE_A_DEAL"),
        SearchQueries.Case("Hand deal 1550 over to my colleague Tom, he is user 21", "UPDATE_A_DEAL"),
        SearchQueries.Case("Deal 3301 was created by mistake, please get rid of it", "DELETE_DEAL"),
        SearchQueries.Case("Pull up everything on opportunity #2219, including how long it has been sitting in its current stage", "GET_DEAL"),
        SearchQueries.Case("List every won deal owned by the salesperson with user id 12", "GET_ALL_DEALS"),
        SearchQueries.Case("Is there a deal with Q3 hardware refresh in its title?", "SEARCH_DEALS"),
        SearchQueries.Case("Make a copy of deal 640 so I can reuse it for their sister company", "DUPLICATE_DEAL"),
        SearchQueries.Case("Two reps entered the same opportunity twice; fold deal 5010 into deal 5002", "MERGE_TWO_DEALS"),
        SearchQueries.Case("What is the total value and count of all our open deals right now?", "GET_DEALS_SUMMARY"),
        SearchQueries.Case("Show won deals bucketed by month for January to March 2024, based on the won date", "GET_DEALS_TIMELINE"),
        SearchQueries.Case("I need every contact connected to deal 88, the primary contact and all the other people on it", "LIST_DEAL_PERSONS"),
        SearchQueries.Case("Add Priya Shah (person 301) as a participant on the Contoso deal 1204", "ADD_DEAL_PARTICIPANT"),
        SearchQueries.Case("Take participant 55 off deal 1204, she is no longer involved", "DELETE_DEAL_PARTICIPANT"),
        SearchQueries.Case("Subscribe user 3 to updates on deal 909 by making them a follower", "ADD_DEAL_FOLLOWER"),
        SearchQueries.Case("Who is watching opportunity 909?", "LIST_DEAL_FOLLOWERS"),
        SearchQueries.Case("Show the change history for deal 415 - who changed the value and when", "LIST_DEAL_UPDATES"),
        SearchQueries.Case("Which colleagues have permission to see deal 415?", "LIST_DEAL_USERS"),
        SearchQueries.Case("Which products and quantities are on deal 733?", "LIST_DEAL_PRODUCTS"),
        SearchQueries.Case("Put 5 licences of product 19 at 240 each onto deal 733", "ADD_DEAL_PRODUCT"),
        SearchQueries.Case("On deal 733, bump the quantity of product line 8812 to 12 and give it a 10 percent discount", "UPDATE_DEAL_PRODUCT_ATTACHMENT"),
        SearchQueries.Case("Drop product line 8812 from deal 733, the client does not want it anymore", "DELETE_DEAL_PRODUCT"),
        SearchQueries.Case("As a global admin, page through all deals changed since 2024-05-01 using the cursor-based listing", "GET_ALL_DEALS_BETA"),

        // Persons
        SearchQueries.Case("Add a new contact: Jana Novak, jana.novak@brightpath.io, who works at organization 340", "ADD_A_PERSON"),
        SearchQueries.Case("Update the phone number for person 1187 to +44 20 7946 0018", "UPDATE_A_PERSON"),
        SearchQueries.Case("Change the owner of contact 1020 to rep 14", "UPDATE_A_PERSON"),
        SearchQueries.Case("Remove contact 2290 from the CRM entirely", "DELETE_A_PERSON"),
        SearchQueries.Case("Show me the full profile of person 618, custom fields included", "GET_DETAILS_OF_A_PERSON"),
        SearchQueries.Case("Do we have anyone with the email k.ito@sakura-tech.jp in our contacts?", "SEARCH_PERSONS"),
        SearchQueries.Case("List all people whose name starts with the letter M", "GET_ALL_PERSONS"),
        SearchQueries.Case("Jon Smith exists twice - merge person 402 into person 398", "MERGE_TWO_PERSONS"),
        SearchQueries.Case("Upload this headshot as the profile photo of contact 77", "ADD_PERSON_PICTURE"),
        SearchQueries.Case("Remove the avatar image from person 77", "DELETE_PERSON_PICTURE"),
        SearchQueries.Case("What calls and meetings have we had with person 530?", "LIST_PERSON_ACTIVITIES"),
        SearchQueries.Case("Which opportunities is contact 530 involved in?", "LIST_PERSON_DEALS"),
        SearchQueries.Case("What products is the client contact 612 associated with?", "LIST_PERSON_PRODUCTS"),
        SearchQueries.Case("Show me what has been edited on person 845's record lately", "LIST_UPDATES_ABOUT_A_PERSON"),
        SearchQueries.Case("Make user 9 a follower of contact 845", "ADD_PERSON_FOLLOWER"),

        // Organizations
        SearchQueries.Case("Create an account for Blue Harbor Logistics owned by user 8", "ADD_AN_ORGANIZATION"),
        SearchQueries.Case("Rename organization 233 to Umbrella Health Group", "UPDATE_AN_ORGANIZATION"),
        SearchQueries.Case("Company 918 went out of business, delete it", "DELETE_ORGANIZATION"),
        SearchQueries.Case("Tell me everything we know about customer org 233", "GET_DETAILS_OF_AN_ORGANIZATION"),
        SearchQueries.Case("Look up the company called Vandelay Industries", "SEARCH_ORGANIZATIONS"),
        SearchQueries.Case("Which client companies belong to salesperson 5?", "GET_ALL_ORGANIZATIONS"),
        SearchQueries.Case("These are the same account: merge organization 611 into 604", "MERGE_TWO_ORGANIZATIONS"),
        SearchQueries.Case("Who works at client 604? List their people", "LIST_ORGANIZATION_PERSONS"),
        SearchQueries.Case("What activities are planned or completed for organization 604?", "LIST_ORGANIZATION_ACTIVITIES"),
        SearchQueries.Case("Give me the opportunities tied to the Initech account, org id 57", "LIST_ORGANIZATION_DEALS"),
        SearchQueries.Case("Record that Stark Industries (org 12) is the parent company of Stark Labs (org 45)", "CREATE_ORGANIZATION_RELATIONSHIP"),
        SearchQueries.Case("Which parent companies or subsidiaries are linked to org 12?", "GET_ALL_RELATIONSHIPS_FOR_ORGANIZATION"),
        SearchQueries.Case("Delete the organization relationship with id 31", "DELETE_ORGANIZATION_RELATIONSHIP"),
        SearchQueries.Case("Add colleague 17 as a follower of customer 604", "ADD_ORGANIZATION_FOLLOWER"),
        SearchQueries.Case("Which users are allowed to access company 233?", "ORGANIZATION_ACCESSIBLE_USER_LIST"),

        // Activities, calls, meetings
        SearchQueries.Case("Schedule a call with person 412 tomorrow at 10:00 about the renewal", "ADD_AN_ACTIVITY"),
        SearchQueries.Case("Book a one hour meeting with Globex on 2024-11-05 at 14:00 and link it to deal 88", "ADD_AN_ACTIVITY"),
        SearchQueries.Case("I finished that call, mark activity 9931 as done", "UPDATE_AN_ACTIVITY"),
        SearchQueries.Case("Push my meeting, activity 5120, to next Friday at 3pm", "UPDATE_AN_ACTIVITY"),
        SearchQueries.Case("Reassign activity 4410 to my colleague, user 31", "UPDATE_AN_ACTIVITY"),
        SearchQueries.Case("The demo was cancelled, delete activity 7712", "DELETE_AN_ACTIVITY"),
        SearchQueries.Case("Who is attending activity 5120 and where does it take place?", "GET_ACTIVITY"),
        SearchQueries.Case("What is on rep 23's agenda between 2024-10-01 and 2024-10-07?", "GET_ALL_ACTIVITIES_ASSIGNED_TO_A_PARTICULAR_USER"),
        SearchQueries.Case("What kinds of activities can I pick from, like call, meeting or lunch?", "GET_ALL_ACTIVITY_TYPES"),
        SearchQueries.Case("Create a new kind of activity called Site visit with a truck icon", "ADD_ACTIVITY_TYPE"),
        SearchQueries.Case("Rename activity type 8 to Product demo and make it blue", "UPDATE_AN_ACTIVITY_TYPE"),
        SearchQueries.Case("We no longer use the Lunch activity type (id 6), remove it", "DELETE_ACTIVITY_TYPE"),
        SearchQueries.Case("List the open follow-ups still pending on deal 2020", "LIST_DEAL_ACTIVITIES"),
        SearchQueries.Case("Admin export: stream every activity in the company updated since 2024-06-01, cursor paginated", "GET_ALL_ACTIVITIES_BETA"),

        // Leads
        SearchQueries.Case("New lead: Wayne Enterprises is asking about a security audit, roughly 5000 USD", "ADD_LEAD"),
        SearchQueries.Case("Archive lead 3f2c9a10-7b4e-11ee-b962-0242ac120002, it went cold", "UPDATE_A_LEAD"),
        SearchQueries.Case("Delete lead adf21080-0e88-11ea-b495-f7f27dd0a4e2", "DELETE_LEAD"),
        SearchQueries.Case("Show me the details of lead e3b1c7d2-5a60-4f1e-9c2b-8d7e6f5a4b3c", "GET_ONE_LEAD"),
        SearchQueries.Case("Is there a lead mentioning website redesign for Pied Piper?", "SEARCH_LEADS"),
        SearchQueries.Case("Which leads in the inbox belong to rep 11?", "GET_ALL_LEADS"),
        SearchQueries.Case("Create a purple lead label called Partner referral", "ADD_LEAD_LABEL"),
        SearchQueries.Case("Where can our leads come from? List the possible lead sources", "GET_ALL_LEAD_SOURCES"),

        // Notes
        SearchQueries.Case("Jot down on deal 640: client wants revised pricing by Friday", "ADD_A_NOTE"),
        SearchQueries.Case("Pin note 1502 so it stays on top of the deal", "UPDATE_A_NOTE"),
        SearchQueries.Case("Remove note 1502, it has outdated info", "DELETE_NOTE"),
        SearchQueries.Case("Show all notes written about person 530", "GET_ALL_NOTES"),
        SearchQueries.Case("Reply under note 1502 with a comment: done, quote sent", "ADD_NOTE_COMMENT"),
        SearchQueries.Case("Read the discussion thread of comments on note 1502", "GET_NOTE_COMMENTS"),

        // Products
        SearchQueries.Case("Add Premium Support Plan to our catalog with code PSP-01 at 99 USD per month", "ADD_PRODUCT"),
        SearchQueries.Case("Raise the price of product 19 to 260 EUR", "UPDATE_A_PRODUCT"),
        SearchQueries.Case("Delete product 44 from the price list", "DELETE_PRODUCT"),
        SearchQueries.Case("What does product 19 cost and in what unit is it sold?", "GET_PRODUCT"),
        SearchQueries.Case("Find the item with SKU code WID-2048", "SEARCH_PRODUCTS"),
        SearchQueries.Case("Show our entire product catalogue", "GET_ALL_PRODUCTS"),
        SearchQueries.Case("Which deals include product 19?", "GET_DEALS_WITH_PRODUCT"),
        SearchQueries.Case("Who is following product 19?", "LIST_PRODUCT_FOLLOWERS"),

        // Pipelines and stages
        SearchQueries.Case("Set up a new sales pipeline called Enterprise Renewals", "ADD_PIPELINE"),
        SearchQueries.Case("What pipelines do we have?", "GET_ALL_PIPELINES"),
        SearchQueries.Case("Rename pipeline 3 to Channel Partners", "UPDATE_A_PIPELINE"),
        SearchQueries.Case("Delete pipeline 7, nobody uses it", "DELETE_PIPELINE"),
        SearchQueries.Case("List the stages in pipeline 2 in order", "GET_ALL_STAGES"),
        SearchQueries.Case("Add a Proposal Sent stage to pipeline 2 with 60 percent win probability", "ADD_STAGE"),
        SearchQueries.Case("Deals should rot after 14 days in stage 11", "UPDATE_STAGE_DETAILS"),
        SearchQueries.Case("Which deals are currently sitting in stage 11?", "GET_DEALS_IN_A_STAGE"),
        SearchQueries.Case("Stage-to-stage conversion rates in pipeline 2 for Q2 2024", "GET_DEALS_CONVERSION_RATES_IN_PIPELINE"),
        SearchQueries.Case("How many deals moved into or out of pipeline 2 during March 2024?", "GET_PIPELINE_MOVEMENT_STATISTICS"),

        // Users, roles, teams, permissions
        SearchQueries.Case("Invite anna.berg@nordicsales.se as a new user on our account", "ADD_USER"),
        SearchQueries.Case("Who am I logged in as, and which company is this?", "GET_CURRENT_USER_DATA"),
        SearchQueries.Case("Find the colleague named Carlos", "FIND_USERS_BY_NAME"),
        SearchQueries.Case("Deactivate user 42, she has left the company", "UPDATE_USER_DETAILS"),
        SearchQueries.Case("What is user 42 allowed to do? Show their aggregated permissions", "LIST_USER_PERMISSIONS"),
        SearchQueries.Case("Put user 42 into role 5", "ADD_ROLE_ASSIGNMENT"),
        SearchQueries.Case("Who belongs to role 5?", "LIST_ROLE_ASSIGNMENTS"),
        SearchQueries.Case("Role 5 should only be able to see pipelines 1 and 4", "UPDATE_PIPELINE_VISIBILITY_FOR_ROLE"),
        SearchQueries.Case("Create a Regional Manager role under parent role 2", "ADD_ROLE"),
        SearchQueries.Case("Show all the sales teams in the company", "GET_ALL_TEAMS"),

        // Projects and project tasks
        SearchQueries.Case("Start a new onboarding project for Globex on board 1, phase 2, linked to deal 88", "ADD_PROJECT"),
        SearchQueries.Case("Mark project 15 as completed", "UPDATE_PROJECT"),
        SearchQueries.Case("Archive project 15, we are done with it", "ARCHIVE_PROJECT"),
        SearchQueries.Case("Show me the details of project 15", "GET_PROJECT"),
        SearchQueries.Case("In project 15, create a task called Kickoff call prep for user 6, due 2024-09-10", "ADD_TASK"),
        SearchQueries.Case("Tick off project task 301 as finished", "UPDATE_TASK"),
        SearchQueries.Case("Show the plan of project 15 with tasks and activities by phase and group", "GET_PROJECT_PLAN"),
        SearchQueries.Case("Which project templates can I start from?", "GET_ALL_PROJECT_TEMPLATES"),

        // Goals
        SearchQueries.Case("Set a goal for user 7 to win 20 deals every quarter", "ADD_GOAL"),
        SearchQueries.Case("Which goals are active for user 7?", "FIND_GOALS"),
        SearchQueries.Case("How far along is goal 2f9a7c1e toward its target this month?", "GET_GOAL_RESULT"),
        SearchQueries.Case("Raise the revenue target on goal 2f9a7c1e to 150000", "UPDATE_GOAL"),
        SearchQueries.Case("Remove goal 2f9a7c1e, we no longer track it", "DELETE_GOAL"),

        // Mail
        SearchQueries.Case("Show my inbox email conversations, newest first", "GET_MAIL_THREADS"),
        SearchQueries.Case("Open every email in mail thread 4410", "GET_MAIL_THREAD_MESSAGES"),
        SearchQueries.Case("Read email message 99812 including the body", "GET_MAIL_MESSAGE"),
        SearchQueries.Case("Link email thread 4410 to deal 88 and mark it as read", "UPDATE_MAIL_THREAD"),
        SearchQueries.Case("What emails have we exchanged regarding deal 88?", "LIST_DEAL_MAIL_MESSAGES"),
        SearchQueries.Case("Show the email correspondence with contact 530", "LIST_PERSON_MAIL_MESSAGES"),

        // Files
        SearchQueries.Case("Attach the signed contract PDF to deal 88", "ADD_FILE"),
        SearchQueries.Case("Download file 3021 for me", "DOWNLOAD_FILE"),
        SearchQueries.Case("Rename attachment 3021 to Signed MSA 2024.pdf", "UPDATE_FILE_DETAILS"),
        SearchQueries.Case("Delete uploaded file 3021", "DELETE_FILE"),
        SearchQueries.Case("What documents are attached to deal 88?", "LIST_DEAL_FILES"),
        SearchQueries.Case("Which files are attached to the account with org id 604?", "LIST_ORGANIZATION_FILES"),

        // Filters
        SearchQueries.Case("Create a saved filter for deals worth over 10000 in pipeline 2", "ADD_FILTER"),
        SearchQueries.Case("Which saved deal filters do we have?", "GET_ALL_FILTERS"),
        SearchQueries.Case("Show the conditions behind filter 55", "GET_FILTER"),
        SearchQueries.Case("Clean up: delete filters 55, 56 and 57 at once", "DELETE_FILTERS_BULK"),

        // Webhooks
        SearchQueries.Case("Notify https://hooks.example.com/pd whenever a new deal is added", "CREATE_WEBHOOK"),
        SearchQueries.Case("Which webhook subscriptions are registered for our company?", "GET_ALL_WEBHOOKS"),
        SearchQueries.Case("Remove webhook 12, the endpoint is gone", "DELETE_WEBHOOK"),

        // Custom field definitions
        SearchQueries.Case("Add a custom dropdown Contract type on deals with options Annual and Monthly", "ADD_DEAL_FIELD"),
        SearchQueries.Case("What custom fields are defined for contacts?", "GET_ALL_PERSON_FIELDS"),
        SearchQueries.Case("Add the option Healthcare to the Industry field on organizations (field id 4021)", "UPDATE_AN_ORGANIZATION_FIELD"),
        SearchQueries.Case("Delete product custom field 88", "DELETE_PRODUCT_FIELD"),
        SearchQueries.Case("Show the options configured on deal field 12500", "GET_DEAL_FIELD"),
        SearchQueries.Case("Delete deal fields 120, 121 and 122 in one go", "DELETE_DEAL_FIELDS_BULK"),

        // Search across record types
        SearchQueries.Case("Look for Tesla across deals, contacts and companies in one go", "SEARCH_MULTIPLE_ITEM_TYPES"),
        SearchQueries.Case("Autocomplete: list the distinct values stored in the organization field with key industry_code that start with Med", "SEARCH_ITEM_BY_FIELD"),
        SearchQueries.Case("What has changed in the CRM since 2024-07-01 09:00:00?", "GET_RECENTS"),
        SearchQueries.Case("Anything matching +1 415 555 0199? Could be a person, an org or a lead", "SEARCH_MULTIPLE_ITEM_TYPES"),

        // Other: currencies, subscriptions, call logs, channels, add-ons
        SearchQueries.Case("Which currencies can we use for deal values?", "GET_ALL_SUPPORTED_CURRENCIES"),
        SearchQueries.Case("What add-ons has our company purchased?", "GET_COMPANY_ADD_ONS"),
        SearchQueries.Case("Save a call record: 8 minute call from +1 555 0100 to +1 555 0199 with person 412, outcome connected", "ADD_CALL_LOG"),
        SearchQueries.Case("Attach recording.mp3 to call log 5f8c2b1a", "ADD_CALL_LOG_AUDIO_FILE"),
        SearchQueries.Case("Pull up the logged phone calls assigned to me, with their outcomes and durations", "GET_USER_CALL_LOGS"),
        SearchQueries.Case("Cancel recurring subscription 14 effective 2024-12-31", "CANCEL_RECURRING_SUBSCRIPTION"),
        SearchQueries.Case("Register our WhatsApp messenger as a new messaging channel", "ADD_CHANNEL"),
    ]
}
