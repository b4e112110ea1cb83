package io.campo.server.outreach;

import io.campo.server.outreach.campaign.CampaignHandlers;
import io.campo.server.outreach.optout.OptOutHandlers;
import io.campo.server.outreach.strategy.StrategyHandlers;
import io.campo.server.outreach.template.TemplateHandlers;
import io.campo.server.outreach.webhook.WebhookHandlers;

/**
 * The outreach feature's HTTP handlers: templates, campaigns, strategies and opt-outs (authenticated), provider webhooks
 * (public, signed).
 */
public record OutreachHandlers(TemplateHandlers templates, CampaignHandlers campaigns, WebhookHandlers webhooks,
    StrategyHandlers strategies, OptOutHandlers optOuts) {}
