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
