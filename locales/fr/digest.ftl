# Le résumé par e-mail, son aperçu, les réglages de l’organisation et les envois.
digest-subject-for-you = { $count ->
    [one] 1 conversation pour vous
   *[other] { $count } conversations pour vous
}
digest-subject-for-you-in = { $count ->
    [one] 1 conversation pour vous
   *[other] { $count } conversations pour vous
} dans { $workspace }
digest-subject-active = { $count ->
    [one] 1 fil actif
   *[other] { $count } fils actifs
} sur Agora
digest-subject-active-in = { $count ->
    [one] 1 fil actif
   *[other] { $count } fils actifs
} dans { $workspace }
digest-subject-and-active = { $first }, et { $count ->
    [one] 1 fil actif
   *[other] { $count } fils actifs
}
digest-subject-new-workspaces = De nouveaux espaces à découvrir sur Agora
digest-title = Votre résumé Agora
digest-greeting = Bonjour { $name },
digest-intro = Voici ce qui s’est passé dans vos espaces de travail depuis votre dernière visite.
digest-without-content = Votre organisation envoie les e-mails sans le contenu des messages : ouvrez un fil pour le lire.
digest-direct-heading = Messages directs
digest-for-you-heading = Pour vous
digest-active-heading = Fils actifs
digest-reason-mention = Quelqu’un vous a mentionné
digest-reason-reply = Nouvelles réponses dans un fil auquel vous avez participé
digest-reason-direct = Message direct
digest-activity = { $people ->
    [one] 1 personne
   *[other] { $people } personnes
}, { $messages ->
    [one] 1 message
   *[other] { $messages } messages
}
digest-untitled = Une conversation dans #{ $channel }
digest-channel-latest = #{ $channel }, dernier message le { $date }
digest-more-messages = { $count ->
    [one] et 1 autre message
   *[other] et { $count } autres messages
}
digest-more-threads = { $count ->
    [one] Encore 1 fil avec des nouvelles dans cet espace
   *[other] Encore { $count } fils avec des nouvelles dans cet espace
}
digest-open-thread = Ouvrir le fil
digest-new-members = Nouveaux membres : { $names }
digest-new-organisations = Organisations qui ont rejoint l’espace : { $names }
digest-new-workspaces-heading = De nouveaux espaces que vous pouvez découvrir
digest-settings = Choisir la fréquence de ce résumé
digest-unsubscribe = Arrêter ce résumé
digest-stop-workspace = Ne plus recevoir d’e-mail de { $workspace }
digest-date = { $weekday ->
    [1] lundi
    [2] mardi
    [3] mercredi
    [4] jeudi
    [5] vendredi
    [6] samedi
   *[7] dimanche
} { $day } { $month ->
    [1] janvier
    [2] février
    [3] mars
    [4] avril
    [5] mai
    [6] juin
    [7] juillet
    [8] août
    [9] septembre
    [10] octobre
    [11] novembre
   *[12] décembre
}, { $time }
digest-preview-title = Votre prochain résumé
digest-preview-member-title = Prochain résumé de { $name }
digest-preview-intro = Voici le résumé qui serait envoyé s’il partait maintenant.
digest-preview-shared-only = Seul ce que vous pouvez lire vous-même est affiché.
digest-preview-subject = Objet : { $subject }
digest-preview-quiet = Rien ne mérite un e-mail pour l’instant : aucun résumé ne serait envoyé.
digest-preview-link = Voir votre prochain résumé
digest-preview-member-link = Prochain résumé
digest-runs-title = Envois des résumés
digest-runs-intro = Chaque envoi expédie les résumés dus. Un envoi sans fin a été interrompu ; le suivant reprend là où il s’est arrêté.
digest-runs-started = Début
digest-runs-finished = Fin
digest-runs-considered = Dus
digest-runs-queued = Envoyés
digest-runs-quiet = Sans nouvelles
digest-runs-unfinished = pas terminé
digest-runs-none = Aucun envoi de résumés n’a encore eu lieu.
digest-org-title = Résumés par e-mail pour { $organisation }
digest-org-intro = Les résumés vont aux personnes de votre organisation qui n’ont pas utilisé Agora depuis un moment, au rythme choisi par chacune.
digest-org-inactive-days = Jours sans activité avant le premier résumé
digest-org-inactive-days-hint = Entre 1 et 90 jours.
digest-org-without-content = Pas de contenu des messages dans les e-mails : seulement les sujets et les liens
digest-org-submit = Enregistrer
digest-org-saved = Les réglages des résumés ont été enregistrés.
digest-org-link = Résumés par e-mail
