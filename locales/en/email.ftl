# Emails.
email-footer = You receive this email because of your account on Agora, the platform of your municipality's partnerships.
email-link-fallback = If the button does not work, copy this address into your browser:
email-invitation-subject = Your invitation to join { $organisation } on Agora
email-invitation-intro = { $inviter } invites you to join { $organisation } on Agora, where municipalities and their partners work together.
email-invitation-action = Accept the invitation
email-invitation-expiry = { $days ->
    [one] This invitation is valid for one day.
   *[other] This invitation is valid for { $days } days.
}
email-reset-subject = Choose a new password for Agora
email-reset-greeting = Hello { $name },
email-reset-intro = Someone asked to reset the password of your Agora account. If it was you, choose a new password with the button below.
email-reset-action = Choose a new password
email-reset-expiry = { $minutes ->
    [one] The link is valid for one minute.
   *[other] The link is valid for { $minutes } minutes.
}
email-reset-ignore = If you did not ask for this, you can ignore this email: your password stays the same.
email-invitation-conflict-subject = { $organisation } tried to invite you to Agora
email-invitation-conflict-greeting = Hello { $name },
email-invitation-conflict-intro = { $inviter } tried to invite you to join { $organisation } on Agora. You already have an Agora account with this email address, and an account belongs to one organisation, so no second account was created.
email-invitation-conflict-advice = To work together with { $organisation } you do not need a second account: they can invite your organisation into a shared workspace. If you have moved to { $organisation }, contact the administrator of your current organisation.
email-invitation-conflict-ignore = If you do not know this organisation, you can ignore this email: nothing has changed in your account.
