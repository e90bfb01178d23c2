# E-mailinstellingen, uitschrijven met één klik en aanmeldlinks.
email-settings-title = E-mailinstellingen
email-settings-link = E-mailinstellingen
email-settings-intro = Kies welke e-mails Agora u stuurt en wanneer.
email-settings-digest-legend = Overzicht van wat u gemist hebt
email-settings-cadence-label = Hoe vaak
email-cadence-off = Nooit
email-cadence-daily = Elke dag
email-cadence-every-other-day = Om de twee dagen
email-cadence-weekly = Eén keer per week
email-settings-weekday-label = Dag van het wekelijkse overzicht
email-settings-weekday-hint = Geldt alleen als het overzicht één keer per week komt.
email-settings-hour-label = Tijdstip
email-settings-hour-hint = In uw tijdzone, { $zone }.
email-settings-change-zone = Uw tijdzone wijzigen
email-settings-mentions-label = E-mails over vermeldingen en persoonlijke berichten
email-batching-immediately = Meteen
email-batching-every-15-minutes = Hoogstens om het kwartier
email-batching-hourly = Hoogstens één keer per uur
email-batching-off = Nooit
email-settings-workspaces-legend = Geen e-mail uit deze werkruimtes
email-settings-workspaces-hint = Vink een werkruimte aan om er helemaal geen e-mail over te krijgen.
email-settings-no-workspaces = U bent nog geen lid van een werkruimte.
email-settings-submit = E-mailinstellingen opslaan
notice-email-settings-saved = Uw e-mailinstellingen zijn opgeslagen.
weekday-1 = maandag
weekday-2 = dinsdag
weekday-3 = woensdag
weekday-4 = donderdag
weekday-5 = vrijdag
weekday-6 = zaterdag
weekday-7 = zondag
signin-link-offer = Meld u in plaats daarvan aan met een link per e-mail
signin-link-title = Aanmelden met een link per e-mail
signin-link-intro = Vul uw e-mailadres in en wij sturen u een link die u aanmeldt, 15 minuten geldig.
signin-link-submit = Aanmeldlink versturen
signin-link-confirm-title = Aanmelden bij Agora
signin-link-confirm-intro = Met deze link meldt u zich één keer aan. Klik op de knop om verder te gaan.
signin-link-confirm-submit = Aanmelden
notice-signin-link-sent = Als er een account bestaat voor dat adres, hebben wij er een aanmeldlink naartoe gestuurd.
email-signin-link-subject = Uw aanmeldlink voor Agora
email-signin-link-greeting = Beste { $name },
email-signin-link-intro = Iemand heeft een link gevraagd om zich aan te melden bij uw Agora-account. Was u dat, meld u dan aan met de knop hieronder.
email-signin-link-action = Aanmelden
email-signin-link-expiry = { $minutes ->
    [one] De link werkt één keer en is één minuut geldig.
   *[other] De link werkt één keer en is { $minutes } minuten geldig.
}
email-signin-link-ignore = Hebt u dit niet gevraagd, dan kunt u deze e-mail negeren: zonder de link wordt niemand aangemeld.
unsubscribe-title = E-mail van Agora
unsubscribe-digest-active = U ontvangt het overzicht van wat u hebt gemist.
unsubscribe-digest-stopped = U ontvangt het overzicht van wat u hebt gemist niet meer.
unsubscribe-notifications-active = U ontvangt e-mails over vermeldingen en directe berichten.
unsubscribe-notifications-stopped = U ontvangt geen e-mails meer over vermeldingen en directe berichten.
unsubscribe-workspace-active = U ontvangt e-mail over de werkruimte { $workspace }.
unsubscribe-workspace-stopped = U ontvangt geen e-mail meer over de werkruimte { $workspace }.
unsubscribe-stop = Deze e-mails stoppen
unsubscribe-undo = Ongedaan maken: ze weer ontvangen
unsubscribe-settings = Al uw e-mailinstellingen

# Delivery: an address whose mail server refused our email for good (a hard bounce).
delivery-bounced-title = E-mails naar { $address } komen niet aan
delivery-bounced-body = Op { $date } heeft de mailserver van dit adres onze e-mail definitief geweigerd. Overzichten en e-mails over vermeldingen en persoonlijke berichten naar dit adres zijn gepauzeerd. Ze worden hervat zodra een e-mail naar dit adres weer wordt aanvaard (bijvoorbeeld een aanmeldlink), of wanneer u uw e-mailadres in uw profiel wijzigt.
