# Email settings, one-click unsubscribe and sign-in links.
email-settings-title = Email settings
email-settings-link = Email settings
email-settings-intro = Choose which emails Agora sends you and when.
email-settings-digest-legend = Digest of what you missed
email-settings-cadence-label = How often
email-cadence-off = Never
email-cadence-daily = Every day
email-cadence-every-other-day = Every second day
email-cadence-weekly = Once a week
email-settings-weekday-label = Day of the weekly digest
email-settings-weekday-hint = Only used when the digest comes once a week.
email-settings-hour-label = Time
email-settings-hour-hint = In your time zone, { $zone }.
email-settings-change-zone = Change your time zone
email-settings-mentions-label = Emails about mentions and direct messages
email-batching-immediately = Right away
email-batching-every-15-minutes = At most every 15 minutes
email-batching-hourly = At most once an hour
email-batching-off = Never
email-settings-workspaces-legend = No email from these workspaces
email-settings-workspaces-hint = Tick a workspace to receive no email about it at all.
email-settings-no-workspaces = You are not a member of any workspace yet.
email-settings-submit = Save the email settings
notice-email-settings-saved = Your email settings have been saved.
weekday-1 = Monday
weekday-2 = Tuesday
weekday-3 = Wednesday
weekday-4 = Thursday
weekday-5 = Friday
weekday-6 = Saturday
weekday-7 = Sunday
signin-link-offer = Sign in with a link sent by email instead
signin-link-title = Sign in with a link by email
signin-link-intro = Enter your email address and we will send you a link that signs you in, valid for 15 minutes.
signin-link-submit = Send the sign-in link
signin-link-confirm-title = Sign in to Agora
signin-link-confirm-intro = This link signs you in once. Press the button to continue.
signin-link-confirm-submit = Sign in
notice-signin-link-sent = If an account exists for that address, we have sent it a sign-in link.
email-signin-link-subject = Your sign-in link for Agora
email-signin-link-greeting = Hello { $name },
email-signin-link-intro = Someone asked for a link to sign in to your Agora account. If it was you, sign in with the button below.
email-signin-link-action = Sign in
email-signin-link-expiry = { $minutes ->
    [one] The link works once and is valid for one minute.
   *[other] The link works once and is valid for { $minutes } minutes.
}
email-signin-link-ignore = If you did not ask for this, you can ignore this email: nobody is signed in without the link.
unsubscribe-title = Email from Agora
unsubscribe-digest-active = You receive the digest of what you missed.
unsubscribe-digest-stopped = You will no longer receive the digest of what you missed.
unsubscribe-notifications-active = You receive emails about mentions and direct messages.
unsubscribe-notifications-stopped = You will no longer receive emails about mentions and direct messages.
unsubscribe-workspace-active = You receive email about the workspace { $workspace }.
unsubscribe-workspace-stopped = You will no longer receive email about the workspace { $workspace }.
unsubscribe-stop = Stop these emails
unsubscribe-undo = Undo: receive them again
unsubscribe-settings = All your email settings

# Delivery: an address whose mail server refused our email for good (a hard bounce).
delivery-bounced-title = Emails to { $address } are not arriving
delivery-bounced-body = On { $date } the mail server of this address refused our email for good. Digests and emails about mentions and direct messages to it are paused. They resume once an email to this address is accepted again (a sign-in link, for example), or when you change your email address in your profile.
