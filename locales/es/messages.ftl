# Conversaciones: un canal, sus mensajes, hilos, ediciones, reacciones y búsqueda.

# Un canal o una conversación directa.
direct-heading = Conversación con { $people }
channel-workspace = Espacio de trabajo:
channel-search = Buscar en este canal
direct-search = Buscar en esta conversación
channel-read-only = Usted puede leer esta conversación, pero no escribir en ella.
channel-archived-notice = Este canal está archivado: usted puede leerlo, pero ya nadie puede escribir en él.
messages-heading = Mensajes
messages-none = Todavía no hay mensajes. Escriba el primero abajo.
history-older = Mensajes anteriores
history-newer = Mensajes más recientes
history-latest = Últimos mensajes
live-new-message = Nuevo mensaje de { $name }

# Un mensaje.
message-language = Idioma:
message-edited = (editado)
message-deleted = Este mensaje fue eliminado.
message-attachments = Archivos adjuntos
message-replies =
    { $count ->
        [one] { $count } respuesta
       *[other] { $count } respuestas
    }
message-reply = Responder en el hilo
message-edit = Editar
message-delete = Eliminar
reaction-people =
    { $count ->
        [one] { $count } persona reaccionó
       *[other] { $count } personas reaccionaron
    }
reaction-add = Agregar una reacción
file-size =
    { $unit ->
        [b] { $size } bytes
        [kb] { $size } kB
       *[mb] { $size } MB
    }

# Escribir un mensaje.
composer-heading = Escribir un mensaje
composer-reply-heading = Responder en este hilo
composer-body = Mensaje
composer-body-hint = Puede usar Markdown: **negrita**, *cursiva*, listas y enlaces.
composer-language = Idioma de su mensaje
composer-language-detect = Detectar automáticamente
composer-files = Adjuntar archivos
composer-files-hint =
    { $count ->
        [one] Un archivo de 10 MB como máximo.
       *[other] Hasta { $count } archivos de 10 MB como máximo cada uno.
    }
composer-send = Enviar
composer-send-reply = Enviar respuesta

# Un hilo.
thread-title = Hilo en { $channel }
thread-back = Volver a { $channel }
thread-replies-heading = Respuestas
thread-no-replies = Todavía no hay respuestas.

# Editar y eliminar.
edit-title = Editar el mensaje
delete-title = Eliminar el mensaje
edit-back = Volver a la conversación
edit-current-heading = El mensaje actual
edit-heading = Cambiar el mensaje
edit-language = Idioma del mensaje
edit-language-hint = Corríjalo si se reconoció mal: los lectores y la búsqueda lo usan.
edit-save = Guardar los cambios
edit-cancel = Cancelar
delete-heading = Eliminar este mensaje
delete-text = La conversación mostrará que se eliminó un mensaje. Esto no se puede deshacer.
delete-submit = Eliminar el mensaje

# Búsqueda.
search-title = Buscar mensajes
search-results-title = Búsqueda: { $query }
search-query = Palabras a buscar
search-workspace = Espacio de trabajo
search-all-workspaces = Todos sus espacios de trabajo
search-from = Desde (fecha)
search-until = Hasta (fecha)
search-submit = Buscar
search-narrowed = Solo en el canal o de la persona desde donde llegó.
search-everywhere = Buscar en todas partes
search-results =
    { $count ->
        [0] No se encontraron mensajes
        [one] Se encontró un mensaje
       *[other] Se encontraron { $count } mensajes
    }
search-none = Pruebe con otras palabras o con menos filtros.
search-hit-in = En { $channel }
search-hit-in-workspace = En { $channel } ({ $workspace })
