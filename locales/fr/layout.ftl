# Mise en page : navigation latérale, menu compact, lecture d’un canal.
nav-menu = Menu principal
nav-conversations = Discussions
nav-side-label = Vos espaces de travail et conversations
nav-close = Fermer le menu
nav-side-direct = Conversations directes
nav-side-none = Vous ne faites encore partie d’aucun espace de travail.
count-unread-live = Non lus : { $count }
count-mentions-live = Mentions : { $count }
reading-new = Nouveaux messages
reading-older-loading = Chargement des messages plus anciens…
day-today = Aujourd’hui
day-yesterday = Hier
day-date = { $weekday ->
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
  }{ $year ->
    [none] {""}
   *[other] {" "}{ $year }
  }
time-today = aujourd’hui { $time }
time-yesterday = hier { $time }
mark-all-read = Tout marquer comme lu dans { $workspace }
notice-marked-read = Tout est marqué comme lu dans cet espace de travail.
