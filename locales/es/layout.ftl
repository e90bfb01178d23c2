# Diseño de la página: navegación lateral, menú compacto, lectura de un canal.
nav-menu = Menú
nav-conversations = Conversaciones
nav-side-label = Sus espacios de trabajo y conversaciones
nav-close = Cerrar el menú
nav-side-direct = Conversaciones directas
nav-side-none = Usted todavía no forma parte de ningún espacio de trabajo.
count-unread-live = Sin leer: { $count }
count-mentions-live = Menciones: { $count }
reading-new = Mensajes nuevos
reading-older-loading = Cargando mensajes anteriores…
day-today = Hoy
day-yesterday = Ayer
day-date = { $weekday ->
    [1] lunes
    [2] martes
    [3] miércoles
    [4] jueves
    [5] viernes
    [6] sábado
   *[7] domingo
  } { $day } de { $month ->
    [1] enero
    [2] febrero
    [3] marzo
    [4] abril
    [5] mayo
    [6] junio
    [7] julio
    [8] agosto
    [9] septiembre
    [10] octubre
    [11] noviembre
   *[12] diciembre
  }{ $year ->
    [none] {""}
   *[other] {" "}de{" "}{ $year }
  }
time-today = hoy { $time }
time-yesterday = ayer { $time }
mark-all-read = Marcar todo como leído en { $workspace }
notice-marked-read = Todo en este espacio de trabajo está marcado como leído.
