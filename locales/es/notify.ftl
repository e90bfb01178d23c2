# Correos sobre menciones y mensajes directos.
notify-subject-mentions = { $count ->
    [one] 1 mención en { $place }
   *[other] { $count } menciones en { $place }
}
notify-subject-directs = { $count ->
    [one] 1 mensaje directo en { $place }
   *[other] { $count } mensajes directos en { $place }
}
notify-subject-both = { $mentions ->
    [one] 1 mención
   *[other] { $mentions } menciones
} y { $directs ->
    [one] 1 mensaje directo
   *[other] { $directs } mensajes directos
} en { $place }
notify-greeting = Hola, { $name }:
notify-intro = Mientras usted estaba ausente, estos mensajes le fueron dirigidos.
notify-channel-heading = #{ $channel } en { $workspace }
notify-direct-heading = Conversación directa con { $names }
notify-mentioned-you = { $author } ({ $organisation }) le mencionó
notify-wrote-to-you = { $author } ({ $organisation }) le escribió
notify-in-reply-to = En respuesta a { $author }:
notify-earlier = Antes, { $author } escribió:
notify-language = Idioma: { $language }
notify-files-only = (solo archivos)
notify-open = Abrir la conversación
notify-more = { $count ->
    [one] Otro mensaje le espera en Agora.
   *[other] Otros { $count } mensajes le esperan en Agora.
}
notify-stop-workspace = No recibir más correos de { $workspace }
notify-settings = Elegir con qué frecuencia llegan estos correos
notify-stop = Dejar de recibir correos sobre menciones y mensajes directos
