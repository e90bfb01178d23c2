# E-mails over vermeldingen en privéberichten.
notify-subject-mentions = { $count ->
    [one] 1 vermelding in { $place }
   *[other] { $count } vermeldingen in { $place }
}
notify-subject-directs = { $count ->
    [one] 1 privébericht in { $place }
   *[other] { $count } privéberichten in { $place }
}
notify-subject-both = { $mentions ->
    [one] 1 vermelding
   *[other] { $mentions } vermeldingen
} en { $directs ->
    [one] 1 privébericht
   *[other] { $directs } privéberichten
} in { $place }
notify-greeting = Dag { $name },
notify-intro = Terwijl u weg was, waren deze berichten aan u gericht.
notify-channel-heading = #{ $channel } in { $workspace }
notify-direct-heading = Privégesprek met { $names }
notify-mentioned-you = { $author } ({ $organisation }) vermeldde u
notify-wrote-to-you = { $author } ({ $organisation }) schreef u
notify-in-reply-to = Als antwoord op { $author }:
notify-earlier = Daarvoor schreef { $author }:
notify-language = Taal: { $language }
notify-files-only = (alleen bestanden)
notify-open = Gesprek openen
notify-more = { $count ->
    [one] Er wacht nog één bericht op u in Agora.
   *[other] Er wachten nog { $count } berichten op u in Agora.
}
notify-stop-workspace = Geen e-mail meer ontvangen uit { $workspace }
notify-settings = Kies hoe vaak deze e-mails komen
notify-stop = Geen e-mails meer over vermeldingen en privéberichten
