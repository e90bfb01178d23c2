# De e-mailsamenvatting, de voorvertoning, de instellingen van de organisatie en de verzendrondes.
digest-subject-for-you = { $count ->
    [one] 1 gesprek voor u
   *[other] { $count } gesprekken voor u
}
digest-subject-for-you-in = { $count ->
    [one] 1 gesprek voor u
   *[other] { $count } gesprekken voor u
} in { $workspace }
digest-subject-active = { $count ->
    [one] 1 actieve draad
   *[other] { $count } actieve draden
} op Agora
digest-subject-active-in = { $count ->
    [one] 1 actieve draad
   *[other] { $count } actieve draden
} in { $workspace }
digest-subject-and-active = { $first }, en { $count ->
    [one] 1 actieve draad
   *[other] { $count } actieve draden
}
digest-subject-new-workspaces = Nieuwe werkruimten om te ontdekken op Agora
digest-title = Uw samenvatting van Agora
digest-greeting = Beste { $name },
digest-intro = Dit is er gebeurd in uw werkruimten sinds uw laatste bezoek.
digest-without-content = Uw organisatie verstuurt e-mails zonder de inhoud van berichten: open een draad om die te lezen.
digest-direct-heading = Rechtstreekse berichten
digest-for-you-heading = Voor u
digest-active-heading = Actieve draden
digest-reason-mention = U werd vermeld
digest-reason-reply = Nieuwe antwoorden in een draad waaraan u deelnam
digest-reason-direct = Rechtstreeks bericht
digest-activity = { $people ->
    [one] 1 persoon
   *[other] { $people } personen
}, { $messages ->
    [one] 1 bericht
   *[other] { $messages } berichten
}
digest-untitled = Een gesprek in #{ $channel }
digest-channel-latest = #{ $channel }, laatste bericht { $date }
digest-more-messages = { $count ->
    [one] en nog 1 bericht
   *[other] en nog { $count } berichten
}
digest-more-threads = { $count ->
    [one] Nog 1 draad met nieuws in deze werkruimte
   *[other] Nog { $count } draden met nieuws in deze werkruimte
}
digest-open-thread = Draad openen
digest-new-members = Nieuwe leden: { $names }
digest-new-organisations = Nieuwe deelnemende organisaties: { $names }
digest-new-workspaces-heading = Nieuwe werkruimten die u kunt ontdekken
digest-settings = Kies hoe vaak u deze samenvatting ontvangt
digest-unsubscribe = Deze samenvatting stopzetten
digest-stop-workspace = Geen e-mail meer uit { $workspace }
digest-date = { $weekday ->
    [1] maandag
    [2] dinsdag
    [3] woensdag
    [4] donderdag
    [5] vrijdag
    [6] zaterdag
   *[7] zondag
} { $day } { $month ->
    [1] januari
    [2] februari
    [3] maart
    [4] april
    [5] mei
    [6] juni
    [7] juli
    [8] augustus
    [9] september
    [10] oktober
    [11] november
   *[12] december
}, { $time }
digest-preview-title = Uw volgende samenvatting
digest-preview-member-title = Volgende samenvatting van { $name }
digest-preview-intro = Dit is de samenvatting die zou worden verstuurd als ze nu vertrok.
digest-preview-shared-only = Alleen wat u zelf mag lezen, wordt getoond.
digest-preview-subject = Onderwerp: { $subject }
digest-preview-quiet = Er is op dit moment niets dat een e-mail waard is: er zou geen samenvatting worden verstuurd.
digest-preview-link = Uw volgende samenvatting bekijken
digest-preview-member-link = Volgende samenvatting
digest-runs-title = Verzendrondes van samenvattingen
digest-runs-intro = Elke ronde verstuurt de samenvattingen die aan de beurt zijn. Een ronde zonder einde werd onderbroken; de volgende gaat verder waar ze stopte.
digest-runs-started = Begonnen
digest-runs-finished = Beëindigd
digest-runs-considered = Aan de beurt
digest-runs-queued = Verstuurd
digest-runs-quiet = Stil
digest-runs-unfinished = niet beëindigd
digest-runs-none = Er is nog geen verzendronde geweest.
digest-org-title = E-mailsamenvattingen voor { $organisation }
digest-org-intro = Samenvattingen gaan naar uw mensen die Agora een tijd niet gebruikten, op het ritme dat ieder van hen koos.
digest-org-inactive-days = Dagen zonder activiteit voordat de samenvatting begint
digest-org-inactive-days-hint = Tussen 1 en 90 dagen.
digest-org-without-content = Geen inhoud van berichten in e-mails: alleen onderwerpen en links
digest-org-submit = Opslaan
digest-org-saved = De instellingen van de samenvatting zijn opgeslagen.
digest-org-link = E-mailsamenvattingen
