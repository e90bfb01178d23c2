# E-mails sur les mentions et les messages directs.
notify-subject-mentions = { $count ->
    [one] 1 mention dans { $place }
   *[other] { $count } mentions dans { $place }
}
notify-subject-directs = { $count ->
    [one] 1 message direct dans { $place }
   *[other] { $count } messages directs dans { $place }
}
notify-subject-both = { $mentions ->
    [one] 1 mention
   *[other] { $mentions } mentions
} et { $directs ->
    [one] 1 message direct
   *[other] { $directs } messages directs
} dans { $place }
notify-greeting = Bonjour { $name },
notify-intro = Pendant votre absence, ces messages vous ont été adressés.
notify-channel-heading = #{ $channel } dans { $workspace }
notify-direct-heading = Conversation directe avec { $names }
notify-mentioned-you = { $author } ({ $organisation }) vous a mentionné
notify-wrote-to-you = { $author } ({ $organisation }) vous a écrit
notify-in-reply-to = En réponse à { $author } :
notify-earlier = Auparavant, { $author } a écrit :
notify-language = Langue : { $language }
notify-files-only = (fichiers uniquement)
notify-open = Ouvrir la conversation
notify-more = { $count ->
    [one] Un autre message vous attend dans Agora.
   *[other] { $count } autres messages vous attendent dans Agora.
}
notify-stop-workspace = Ne plus recevoir d’e-mails de { $workspace }
notify-settings = Choisir la fréquence de ces e-mails
notify-stop = Arrêter les e-mails sur les mentions et les messages directs
