# El resumen por correo, su vista previa, los ajustes de la organización y los envíos.
digest-subject-for-you = { $count ->
    [one] 1 conversación para usted
   *[other] { $count } conversaciones para usted
}
digest-subject-for-you-in = { $count ->
    [one] 1 conversación para usted
   *[other] { $count } conversaciones para usted
} en { $workspace }
digest-subject-active = { $count ->
    [one] 1 hilo activo
   *[other] { $count } hilos activos
} en Agora
digest-subject-active-in = { $count ->
    [one] 1 hilo activo
   *[other] { $count } hilos activos
} en { $workspace }
digest-subject-and-active = { $first }, y { $count ->
    [one] 1 hilo activo
   *[other] { $count } hilos activos
}
digest-subject-new-workspaces = Nuevos espacios para descubrir en Agora
digest-title = Su resumen de Agora
digest-greeting = Hola, { $name }:
digest-intro = Esto es lo que ocurrió en sus espacios de trabajo desde su última visita.
digest-without-content = Su organización envía los correos sin el contenido de los mensajes: abra un hilo para leerlo.
digest-direct-heading = Mensajes directos
digest-for-you-heading = Para usted
digest-active-heading = Hilos activos
digest-reason-mention = Le mencionaron
digest-reason-reply = Nuevas respuestas en un hilo en el que usted participó
digest-reason-direct = Mensaje directo
digest-activity = { $people ->
    [one] 1 persona
   *[other] { $people } personas
}, { $messages ->
    [one] 1 mensaje
   *[other] { $messages } mensajes
}
digest-untitled = Una conversación en #{ $channel }
digest-channel-latest = #{ $channel }, último mensaje el { $date }
digest-more-messages = { $count ->
    [one] y 1 mensaje más
   *[other] y { $count } mensajes más
}
digest-more-threads = { $count ->
    [one] 1 hilo más con novedades en este espacio
   *[other] { $count } hilos más con novedades en este espacio
}
digest-open-thread = Abrir el hilo
digest-new-members = Nuevos miembros: { $names }
digest-new-organisations = Organizaciones que se unieron: { $names }
digest-new-workspaces-heading = Nuevos espacios que usted puede descubrir
digest-settings = Elija con qué frecuencia recibe este resumen
digest-unsubscribe = Dejar de recibir este resumen
digest-stop-workspace = No recibir más correos de { $workspace }
digest-date = { $weekday ->
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
}, { $time }
digest-preview-title = Su próximo resumen
digest-preview-member-title = Próximo resumen de { $name }
digest-preview-intro = Este es el resumen que se enviaría si saliera ahora.
digest-preview-shared-only = Solo se muestra lo que usted mismo puede leer.
digest-preview-subject = Asunto: { $subject }
digest-preview-quiet = Por ahora no hay nada que merezca un correo: no se enviaría ningún resumen.
digest-preview-link = Ver su próximo resumen
digest-preview-member-link = Próximo resumen
digest-runs-title = Envíos de resúmenes
digest-runs-intro = Cada envío manda los resúmenes pendientes. Un envío sin fin fue interrumpido; el siguiente continúa donde se detuvo.
digest-runs-started = Inicio
digest-runs-finished = Fin
digest-runs-considered = Pendientes
digest-runs-queued = Enviados
digest-runs-quiet = Sin novedades
digest-runs-unfinished = sin terminar
digest-runs-none = Todavía no se ha hecho ningún envío de resúmenes.
digest-org-title = Resúmenes por correo para { $organisation }
digest-org-intro = Los resúmenes llegan a las personas de su organización que no han usado Agora desde hace un tiempo, al ritmo que cada una eligió.
digest-org-inactive-days = Días sin actividad antes del primer resumen
digest-org-inactive-days-hint = Entre 1 y 90 días.
digest-org-without-content = Sin contenido de los mensajes en los correos: solo asuntos y enlaces
digest-org-submit = Guardar
digest-org-saved = Se guardaron los ajustes de los resúmenes.
digest-org-link = Resúmenes por correo
