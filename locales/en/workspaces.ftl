# Navigation.
nav-workspaces = Workspaces
nav-direct = Direct messages
nav-directory = Directory

# Home page.
home-workspaces-heading = Your workspaces
home-new-workspace = Create a workspace
home-others-heading = Other workspaces you can see
home-invitations-heading = Invitations for { $organisation }
home-direct-heading = Direct messages
home-direct-none = You have no direct conversations yet.
home-all-direct = All direct messages
home-find-colleague = Find a colleague in the directory
home-search-label = Search messages
home-search-field = Search in your messages
home-search-submit = Search
unread-count-badge = { $count ->
    [one] { $count } unread message
   *[other] { $count } unread messages
}
mention-count-badge = { $count ->
    [one] { $count } mention of you
   *[other] { $count } mentions of you
}
participation-accept = Accept the invitation to { $workspace }
participation-decline = Decline the invitation to { $workspace }
participation-from = Invited by { $organisation }
participation-details = More about { $workspace }

# Closed value sets.
workspace-kind-twinning = Town twinning
workspace-kind-working-group = Working group
workspace-kind-network = Network
workspace-kind-experiment = Experiment
visibility-invite-only = Invite only
visibility-discoverable = Discoverable
visibility-invite-only-hint = Only the organisations you invite know that this workspace exists.
visibility-discoverable-hint = Everyone on the network sees its name, description and organisations; only members read the conversations.
workspace-role-owner = Owner
workspace-role-moderator = Moderator
workspace-role-member = Member
workspace-role-observer = Observer (reads only)
participation-invited = Invited
participation-active = Taking part
participation-declined = Declined
participation-left = Left

# Confirmations.
notice-workspace-created = The workspace has been created.
notice-workspace-saved = The settings have been saved.
notice-organisation-invited = The organisation has been invited. It takes part once one of its administrators accepts.
notice-participation-accepted = Your organisation now takes part in the workspace.
notice-participation-declined = The invitation has been declined.
notice-member-added = The person has been added to the workspace.
notice-member-role-changed = The role has been changed.
notice-member-removed = The person has been removed from the workspace.
notice-workspace-left = You have left the workspace.
notice-workspace-channel-created = The channel has been created.
notice-workspace-channel-saved = The channel has been saved.

# Creating a workspace.
workspace-new-title = New workspace
workspace-new-intro = A workspace brings organisations together: a town twinning, a working group, a network or an experiment. You can invite other organisations once it exists.
field-workspace-owner = Organisation that owns the workspace
field-workspace-owner-hint = As network administrator you may create a workspace for another organisation.
field-workspace-kind = Kind of workspace
field-workspace-name = Name of the workspace
field-workspace-name-hint = For example: Aalst – Bohicon, or Post-Agenda 2030 working group.
field-workspace-description = Description
field-workspace-sdgs = Sustainable Development Goals it works on
field-visibility = Who can find it
field-workspace-language = Default language
field-workspace-language-hint = The language of its first channel's name and of messages to everyone.
workspace-create-submit = Create the workspace

# A workspace's page.
workspace-archived = Archived
workspace-your-role = Your role: { $role }
workspace-admin-link = Manage { $workspace }
workspace-invitation-heading = Your organisation is invited
workspace-invitation-text = As administrator of your organisation you decide whether it takes part. When you accept, you become a member and can add your colleagues.
workspace-channels-heading = Channels
workspace-channels-none = There are no channels you can read yet.
workspace-channel-private = Private
workspace-channel-archived = Archived
workspace-summary-only = You are not a member of this workspace, so you only see its summary.
workspace-about-heading = About this workspace
workspace-no-sdgs = None chosen
workspace-organisations-heading = Organisations
field-participation = Participation

# Managing a workspace.
workspace-admin-title = Manage { $workspace }
workspace-back-link = Back to { $workspace }
workspace-settings-heading = Settings
field-workspace-archived = Archived
field-workspace-archived-hint = An archived workspace can still be read, but nobody can post in it.
workspace-settings-submit = Save the settings
workspace-invite-heading = Invite an organisation
workspace-invite-none = Every active organisation already takes part or is invited.
field-workspace-organisation = Organisation
workspace-invite-hint = One of its administrators accepts or declines on its behalf.
workspace-invite-submit = Send the invitation
workspace-own-people-heading = Your colleagues in this workspace
workspace-members-heading = Members
workspace-members-none = No one yet.
field-workspace-person = Person
field-workspace-role = Role in the workspace
workspace-role-of = New role for { $name }
workspace-role-submit = Change the role of { $name }
workspace-leave = Leave the workspace
workspace-remove-member = Remove { $name }
workspace-add-member-heading = Add a person
workspace-add-member-none = Everyone who can be added is already a member.
workspace-add-member-submit = Add to the workspace
field-workspace-channel-name = Name of the channel
field-workspace-channel-topic = Topic
workspace-channel-save = Save { $channel }
workspace-channel-archive = Archive { $channel }
workspace-channel-unarchive = Reopen { $channel }
workspace-channel-new-heading = New channel
field-workspace-channel-private = Private channel
field-workspace-channel-private-hint = Only the people you choose below can read it.
field-workspace-channel-members = Members of the private channel
workspace-channel-create-submit = Create the channel

# Directory and people.
directory-title = Directory
directory-intro = Find colleagues in every organisation of the network: by name, function, country, the languages they read or the goals they work on.
directory-search-label = Search the directory
directory-field-q = Name or function
directory-field-q-hint = For example: finance, mobility, alderman.
directory-field-kind = Takes part as
directory-field-language = Reads
directory-field-theme = Works on
directory-any = Any
directory-submit = Search
directory-reset = Show everyone
directory-results-heading = People
directory-results-count = { $count ->
    [0] No one matches this search.
    [one] One person found.
   *[other] { $count } people found.
}
directory-languages = Languages
person-not-given = Not given
person-kind = Takes part as
person-languages = Languages they read
person-themes = Themes they work on
person-edit-own = Edit your profile
person-send-message = Send a direct message to { $name }
person-back-to-directory = Back to the directory

# Direct conversations.
conversations-title = Direct messages
conversations-none = You have no direct conversations yet.
conversations-start-hint = To start a conversation, open a colleague's page and send them a message.

workspace-leave-named = Leave { $workspace }
notice-owner-restored = The person is now an owner of the workspace.
workspace-restore-owner-heading = Restore an owner
workspace-restore-owner-hint = For a workspace without a rightful owner: the person you choose from your organisation becomes an owner. This is recorded in the audit log.
workspace-restore-owner-submit = Make owner
participation-withdraw = Withdraw your organisation from { $workspace }
participation-withdraw-hint = Everyone of your organisation leaves the workspace at once. Coming back takes a new invitation.
notice-participation-withdrawn = Your organisation has left the workspace.
