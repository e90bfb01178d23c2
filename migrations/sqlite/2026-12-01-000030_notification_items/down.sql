DROP TABLE notification_items;
