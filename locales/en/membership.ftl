# Dates and times: CLDR patterns (d day, MMM abbreviated month, y year, HH/H 24-hour,
# h 12-hour, mm minutes, 'text' as written; before and after noon). The zone is named by its city.
date-pattern = MMM d, y
datetime-pattern-am = MMM d, y, h:mm 'AM'
datetime-pattern-pm = MMM d, y, h:mm 'PM'
time-pattern-am = h:mm 'AM'
time-pattern-pm = h:mm 'PM'
zone-pattern = { $city } time
month-abbr-1 = Jan
month-abbr-2 = Feb
month-abbr-3 = Mar
month-abbr-4 = Apr
month-abbr-5 = May
month-abbr-6 = Jun
month-abbr-7 = Jul
month-abbr-8 = Aug
month-abbr-9 = Sep
month-abbr-10 = Oct
month-abbr-11 = Nov
month-abbr-12 = Dec

# Forms.
page-title-error = Error: { $title }
skip-to-composer = Skip to the message box
email-footer-invitation = You receive this email because someone invited this address to Agora, the platform of your municipality’s partnerships.

# The email to an organisation's administrators when it is invited into a workspace.
email-workspace-invited-subject = Your organisation is invited to { $workspace }
email-workspace-invited-greeting = Hello { $name },
email-workspace-invited-intro = { $inviter } invites { $organisation } to take part in the workspace { $workspace } on Agora. As an administrator of { $organisation } you decide whether it takes part: its people can then be added to the workspace.
email-workspace-invited-action = See the invitation
