-- Dead letters and uncertain sends are listed by status, paged by id (CampaignStore.findMessagesByStatus).
CREATE INDEX campaign_messages_status ON campaign_messages (status, id);
