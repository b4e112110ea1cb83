package io.campo.server.http;

import io.campo.server.agent.AgentHandlers;
import io.campo.server.agentapp.AgentAppHandlers;
import io.campo.server.agentday.AgentDayHandlers;
import io.campo.server.auth.LoginHandler;
import io.campo.server.enrolment.EnrolmentHandlers;
import io.campo.server.pin.PinCorrectionHandlers;
import io.campo.server.map.MapHandlers;
import io.campo.server.message.MessageHandlers;
import io.campo.server.phone.OwnTracksHttpHandler;
import io.campo.server.live.LiveSocketHandler;
import io.campo.server.planning.PlanHandlers;
import io.campo.server.portfolio.ClientLogHandler;
import io.campo.server.portfolio.DebtorTeamHandlers;
import io.campo.server.portfolio.PortfolioHandlers;
import io.campo.server.questionnaire.QuestionnaireHandlers;
import io.campo.server.report.ReportHandlers;
import io.campo.server.shift.ShiftHandlers;
import io.campo.server.visitrule.VisitRuleHandlers;
import io.campo.server.team.TeamHandlers;
import io.campo.server.team.TeamScope;
import io.campo.server.team.UserHandlers;
import io.campo.server.visit.VisitHandlers;

/** The feature handlers the routes of {@link HttpApiVerticle} call, built once at start. */
public record ApiHandlers(
    LoginHandler login,
    AgentHandlers agents,
    PlanHandlers plans,
    VisitHandlers visits,
    ClientLogHandler clientLog,
    PortfolioHandlers portfolio,
    QuestionnaireHandlers questionnaires,
    AgentDayHandlers agentDays,
    MessageHandlers messages,
    MapHandlers map,
    TeamHandlers teams,
    UserHandlers users,
    ReportHandlers reports,
    TeamScope teamScope,
    LiveSocketHandler live,
    DebtorTeamHandlers debtorTeams,
    AgentAppHandlers agentApp,
    OwnTracksHttpHandler ownTracks,
    EnrolmentHandlers enrolment,
    PinCorrectionHandlers pinCorrections,
    ShiftHandlers shifts,
    VisitRuleHandlers visitRules,
    io.campo.server.payments.PaymentsApi payments,
    io.campo.server.outreach.OutreachHandlers outreach,
    io.campo.server.watch.AlertHandlers alerts) {}
