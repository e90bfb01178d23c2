# Paginaopmaak: zijnavigatie, compact menu, een kanaal lezen.
nav-menu = Hoofdmenu
nav-conversations = Gesprekken
nav-side-label = Uw werkruimten en gesprekken
nav-close = Menu sluiten
nav-side-direct = Rechtstreekse gesprekken
nav-side-none = U bent nog in geen enkele werkruimte.
count-unread-live = Ongelezen: { $count }
count-mentions-live = Vermeldingen: { $count }
reading-new = Nieuwe berichten
reading-older-loading = Oudere berichten worden geladen…
day-today = Vandaag
day-yesterday = Gisteren
day-date = { $weekday ->
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
  }{ $year ->
    [none] {""}
   *[other] {" "}{ $year }
  }
time-today = vandaag { $time }
time-yesterday = gisteren { $time }
mark-all-read = Alles in { $workspace } als gelezen markeren
notice-marked-read = Alles in deze werkruimte is als gelezen gemarkeerd.
