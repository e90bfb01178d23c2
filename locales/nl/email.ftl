# E-mails.
email-footer = U ontvangt deze e-mail omdat u een account hebt op Agora, het platform van de partnerschappen van uw gemeente.
email-link-fallback = Werkt de knop niet? Kopieer dan dit adres naar uw browser:
email-invitation-subject = Uw uitnodiging om u aan te sluiten bij { $organisation } op Agora
email-invitation-intro = { $inviter } nodigt u uit om u aan te sluiten bij { $organisation } op Agora, waar gemeenten en hun partners samenwerken.
email-invitation-action = Uitnodiging aanvaarden
email-invitation-expiry = { $days ->
    [one] Deze uitnodiging is één dag geldig.
   *[other] Deze uitnodiging is { $days } dagen geldig.
}
email-reset-subject = Kies een nieuw wachtwoord voor Agora
email-reset-greeting = Dag { $name },
email-reset-intro = Iemand heeft gevraagd om het wachtwoord van uw Agora-account opnieuw in te stellen. Was u dat? Kies dan een nieuw wachtwoord met de knop hieronder.
email-reset-action = Nieuw wachtwoord kiezen
email-reset-expiry = { $minutes ->
    [one] De link is één minuut geldig.
   *[other] De link is { $minutes } minuten geldig.
}
email-reset-ignore = Hebt u dit niet gevraagd? Dan mag u deze e-mail negeren: uw wachtwoord blijft hetzelfde.
email-invitation-conflict-subject = { $organisation } probeerde u uit te nodigen op Agora
email-invitation-conflict-greeting = Beste { $name },
email-invitation-conflict-intro = { $inviter } probeerde u uit te nodigen om u aan te sluiten bij { $organisation } op Agora. U hebt al een Agora-account met dit e-mailadres, en een account hoort bij één organisatie. Er is dus geen tweede account aangemaakt.
email-invitation-conflict-advice = Om samen te werken met { $organisation } hebt u geen tweede account nodig: zij kunnen uw organisatie uitnodigen in een gedeelde werkruimte. Bent u naar { $organisation } overgestapt? Neem dan contact op met de beheerder van uw huidige organisatie.
email-invitation-conflict-ignore = Kent u deze organisatie niet? Dan kunt u deze e-mail negeren: er is niets veranderd aan uw account.
