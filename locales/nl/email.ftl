# E-mails.
email-footer = Je ontvangt deze e-mail omdat je een account hebt op Agora, het platform van de partnerschappen van je gemeente.
email-link-fallback = Werkt de knop niet? Kopieer dan dit adres naar je browser:
email-invitation-subject = Je uitnodiging om je aan te sluiten bij { $organisation } op Agora
email-invitation-intro = { $inviter } nodigt je uit om je aan te sluiten bij { $organisation } op Agora, waar gemeenten en hun partners samenwerken.
email-invitation-action = Uitnodiging aanvaarden
email-invitation-expiry = { $days ->
    [one] Deze uitnodiging is één dag geldig.
   *[other] Deze uitnodiging is { $days } dagen geldig.
}
email-reset-subject = Kies een nieuw wachtwoord voor Agora
email-reset-greeting = Dag { $name },
email-reset-intro = Iemand heeft gevraagd om het wachtwoord van je Agora-account opnieuw in te stellen. Was jij dat? Kies dan een nieuw wachtwoord met de knop hieronder.
email-reset-action = Nieuw wachtwoord kiezen
email-reset-expiry = { $minutes ->
    [one] De link is één minuut geldig.
   *[other] De link is { $minutes } minuten geldig.
}
email-reset-ignore = Heb je dit niet gevraagd? Dan mag je deze e-mail negeren: je wachtwoord blijft hetzelfde.
