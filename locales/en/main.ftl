# Layout, navigation and shared labels.
skip-to-content = Skip to main content
nav-label = Main
nav-search = Search
nav-profile = Profile
nav-organisation = My organisation
nav-network = Network
nav-signout = Sign out
language-switcher-label = Language
footer-text = Agora — municipalities and their partners working together.
form-errors-title = Please correct the following
home-title = Home
home-welcome = Welcome, { $name }
home-intro = Your workspaces with partner municipalities will appear here.
home-link-profile = Edit your profile and language
home-link-members = See the members of your organisation

# Languages, each named in itself.
autonym-en = English
autonym-nl = Nederlands
autonym-fr = Français
autonym-es = Español
autonym-de = Deutsch
autonym-pt = Português
autonym-ar = العربية
autonym-wo = Wolof
autonym-fon = Fɔngbè
autonym-rw = Ikinyarwanda
autonym-sw = Kiswahili
autonym-qu = Runa Simi

# Form fields.
field-email = Email address
field-password = Password
field-new-password = New password
field-password-confirm = Repeat the password
field-password-hint = At least 10 characters. A short sentence is easy to remember.
field-current-password = Current password
field-display-name = Your name
field-function = Function
field-function-hint = For example: alderman for international cooperation, financial director.
field-user-kind = You take part as
field-interface-language = Interface language
field-languages-read = Languages you read
field-time-zone = Time zone
field-organisation-name = Name of the organisation
field-org-kind = Kind of organisation
field-country = Country
field-country-hint = Two-letter country code, for example BE, BJ, SN or EC.
field-default-language = Default language
field-role = Role
field-status = Status
field-invitation-language = Language of the invitation email

# Closed value sets.
org-kind-flemish-municipality = Flemish municipality
org-kind-partner-municipality = Partner municipality
org-kind-association = Association of municipalities
org-kind-network-operator = Network operator
org-kind-other = Other organisation
org-status-active = Active
org-status-suspended = Suspended
role-member = Member
role-admin = Administrator
user-status-active = Active
user-status-deactivated = Deactivated
user-kind-official = Civil servant
user-kind-politician = Elected politician
user-kind-other = Other
invitation-status-pending = Pending
invitation-status-accepted = Accepted
invitation-status-revoked = Revoked
invitation-status-expired = Expired

# Confirmations shown after an action.
notice-reset-sent = If an account exists for that address, we have sent it a link to choose a new password.
notice-password-reset = Your password has been changed. You can sign in now.
notice-signed-out = You are signed out.
notice-profile-saved = Your profile has been saved.
notice-password-changed = Your password has been changed. Your other sessions have been signed out.
notice-invitation-sent = The invitation has been sent.
notice-invitation-revoked = The invitation has been revoked.
notice-member-updated = The member has been updated.
notice-organisation-saved = The organisation has been saved.

# Error page.
error-page-title = Something went wrong
error-page-status = Error code { $status }
error-page-home = Go to the home page

# Sustainable Development Goals.
field-themes = Themes you work on (Sustainable Development Goals)
sdg-1 = SDG { $number }: No poverty
sdg-2 = SDG { $number }: Zero hunger
sdg-3 = SDG { $number }: Good health and well-being
sdg-4 = SDG { $number }: Quality education
sdg-5 = SDG { $number }: Gender equality
sdg-6 = SDG { $number }: Clean water and sanitation
sdg-7 = SDG { $number }: Affordable and clean energy
sdg-8 = SDG { $number }: Decent work and economic growth
sdg-9 = SDG { $number }: Industry, innovation and infrastructure
sdg-10 = SDG { $number }: Reduced inequalities
sdg-11 = SDG { $number }: Sustainable cities and communities
sdg-12 = SDG { $number }: Responsible consumption and production
sdg-13 = SDG { $number }: Climate action
sdg-14 = SDG { $number }: Life below water
sdg-15 = SDG { $number }: Life on land
sdg-16 = SDG { $number }: Peace, justice and strong institutions
sdg-17 = SDG { $number }: Partnerships for the goals
channel-general-name = general
