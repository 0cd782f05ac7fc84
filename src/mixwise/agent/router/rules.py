"""Keyword rules that sharpen the statistical intent classifier.

Each intent has cue patterns with a weight in log-odds units; the router adds the weights of the cues found in a
question to the classifier's log-probabilities. Cues are deliberately specific ('saturat', 'what if', 'mape'):
they encode vocabulary a few hundred training questions cannot cover, not a second classifier.
"""

from __future__ import annotations

import re

from mixwise.agent.router.entities import Entities
from mixwise.agent.router.negation import drop_set_aside

__all__ = ["CUES", "rule_scores", "DOMAIN_WORDS", "has_domain_words"]

_W = r"(?<![a-z0-9])"
_X = r"(?![a-z0-9])"


def _cue(*alternatives: str) -> re.Pattern[str]:
    return re.compile(_W + "(?:" + "|".join(alternatives) + ")" + _X)


CUES: dict[str, list[tuple[re.Pattern[str], float]]] = {
    "roi": [
        (
            _cue(
                r"roi|roas|rio|return on (?:investment|ad spend|spend)|returns? per", r"(?:per|each|every|one|a) dollar"
            ),
            2.0,
        ),
        (_cue(r"paying off|pay off|pays off|worth (?:it|the money)|make money|making money|profitable|get back"), 2.0),
        (_cue(r"cost per (?:incremental )?\w+"), 2.5),
        (_cue(r"return(?:ing)?|efficiency of"), 1.0),
    ],
    "compare_channels": [
        (_cue(r"vs\.?|versus|compared? (?:to|with)|compare|comparison|better than|worse than|outperform\w*|beat"), 2.0),
        (
            _cue(
                r"best|worst|rank\w*|top \d+|leaderboard|strongest|weakest|stack up",
                r"most efficient|pulling its weight",
            ),
            2.5,
        ),
        (_cue(r"which (?:channel|media|one)s?"), 1.0),
        (_cue(r"working hardest|working best|what'?s working"), 1.5),
    ],
    # Carry-over is not a class of the statistical model: these cues alone decide it (see router.route).
    "carryover": [
        (
            _cue(
                r"carry[- ]?overs?|adstock\w*|half[- ]?li(?:fe|ves)|lags?|lagged",
                r"delay(?:ed)?|(?:longer|long|short|shorter) tail|memory effect|spill(?:s|ing|ed)?[- ]?(?:over|into)",
                r"still (?:be )?(?:seeing|getting) (?:some |any )?(?:lift|effect|impact|sales)",
                r"(?:effect|impact|lift)s? (?:is |be )?(?:gone|over|wearing)",
                r"wear(?:s|ing)? (?:off|out)|wear[- ]?out|fad(?:e|es|ing)|decay(?:s|ing|ed)?|dies? (?:off|down|out)",
                r"linger(?:s|ing)?|hang(?:s|ing)? around|sticks? around|stick(?:s|ing)? with|persist(?:s|ent|ence)?",
                r"kicks? in|take[s]? (?:a few |some |several )?weeks to|build(?:s|ing)? (?:up|slowly)|peaks? later",
                r"keeps? (?:working|paying off|going)|into later weeks|long[- ]lasting|lasts? longest",
                r"slow[- ]burn|afterglow|residual (?:effects?|impact|lift|sales)|trickl(?:e|es|ing) in|echo(?:es)?",
                r"(?:reach(?:es)?|hit(?:s)?) (?:its|their) peak|peaks? (?:after|later|in week)|tail length|which week",
                r"how (?:long|many weeks)\b.{0,60}\b(?:last|lasts|linger|stay|stays|around|gone|disappear\w*|remain\w*)",
                r"after (?:we|they|it|the campaign|the spend|spend) (?:stop|stops|end|ends|run|runs|air|airs|go dark|pause)\w*",
            ),
            4.0,
        ),
    ],
    "saturation": [
        (_cue(r"saturat\w*|diminishing|headroom|marginal|mroi|response curves?|curve|maxed out|tapped out"), 3.0),
        (
            _cue(
                r"flatten\w*(?: out)?|sweet spot|room to grow|next dollar",
                r"overspend\w*|spending too much|stops? working",
            ),
            2.5,
        ),
        (
            _cue(
                r"still (?:work|do anything|pay)|more \w+ spend still|past the point",
                r"optimal (?:weekly )?spend level",
            ),
            2.0,
        ),
        (_cue(r"marginal roi|less and less|most headroom", r"at capacity|plateau\w*|benefit most from more"), 2.0),
    ],
    "contribution": [
        (_cue(r"contribut\w*|incremental (?:sales|revenue|kpi|units|volume)|decomposition|decompose|attribut\w*"), 3.0),
        (_cue(r"baseline|base sales|the base|organic|share of (?:incremental )?(?:sales|revenue)|waterfall"), 2.5),
        (
            _cue(
                r"how much (?:of )?(?:our )?(?:sales|revenue)(?! per)|sales came from|bring in|brought in|break down sales"
            ),
            2.5,
        ),
        (
            _cue(r"drive[sn]? (?:the most )?(?:sales|revenue|volume|units)|(?:sales|revenue) (?:is |are )?driven by"),
            1.5,
        ),
        (_cue(r"matter most for volume|how many (?:sales|units)|split between|top line"), 1.5),
    ],
    "budget_scenario": [
        (
            _cue(
                r"what if|what happens if|what would happen|scenario", r"if we (?:cut|increase|double|halve|move|shift)"
            ),
            2.0,
        ),
        (_cue(r"shift|move|moved|reallocate|take \d+%? out of|turn(?:ed)? off|go dark|stop(?:ped)? spending"), 1.0),
    ],
    "budget_optimize": [
        (_cue(r"optimi[sz]\w*|optimal (?:mix|allocation|budget|split|spend per)|allocat\w*"), 3.0),
        (_cue(r"best (?:split|mix|way to split)|media plan|give me a plan|rebalance|maximi[sz]e"), 2.5),
        (_cue(r"minimum spend|cheapest way|get the most|where should|how would you spend|move money around"), 2.5),
        (_cue(r"how should we (?:spend|split|allocate)|more sales without"), 2.5),
        (_cue(r"plan for|budget allocation|spend our money"), 1.5),
    ],
    "period_drivers": [
        (
            _cue(r"why (?:did|was|were|is|are|have|has)|what drove|what happened|what changed|drivers?|driving|behind"),
            2.0,
        ),
        (_cue(r"explain|tank\w*|dip\w*|spike|jump\w*|drop(?:ped)?|fell|soft|weak|lift|cause[sd]?"), 1.0),
        (_cue(r"happen\w* (?:in|over|last)"), 1.5),
    ],
    "forecast": [
        (_cue(r"forecast\w*|predict\w*|projection|projected|outlook|going forward|heading|future|expect\w*"), 3.0),
        (_cue(r"will (?:sales|revenue|we)|what will|how much will|next (?:\d+ )?(?:quarter|month|week|year)s?"), 1.5),
        (_cue(r"look like|come in at|hit our target|reach|(?:sales|revenue) will"), 1.5),
    ],
    "model_quality": [
        (_cue(r"accura\w*|r squared|r2|r-squared|mape|nrmse|rmse|goodness of fit|fit|overfit\w*|converge\w*"), 3.0),
        (
            _cue(r"divergences?|r-hat|rhat|diagnostics|posteriors?|priors|credible|uncertainty|intervals|backtest\w*"),
            3.0,
        ),
        (_cue(r"trust|reliable|rely|confident|believe|legit|red flags|holdout|out of sample|residuals?"), 2.0),
        (_cue(r"model health|stable|predicted match actual|error rate|did not see"), 2.0),
        (_cue(r"validation metrics|metrics"), 3.0),
    ],
    "data_quality": [
        (
            _cue(r"data|dataset|csv|input file|columns?|missing|outliers?|gaps?|nulls?|duplicates?|negative values?"),
            2.5,
        ),
        (
            _cue(r"zero spend|all zeros|multicollinearity|correlated|weeks of (?:data|history)|history enough|clean"),
            2.5,
        ),
        (_cue(r"validation report|validate|date range|frequency|same units|look(?:s)? (?:weird|off)|data error"), 2.0),
    ],
    "executive_summary": [
        (_cue(r"(?:the|a) headline|headlines"), 2.5),
        (
            _cue(r"summar\w*|sumary|takeaways?|tl;?dr|overview|highlights|recap|big picture|bottom line|gist|readout"),
            3.0,
        ),
        (_cue(r"main (?:findings|conclusions)|conclusions|key insights|insights|story|elevator pitch|brief me"), 2.5),
        (_cue(r"sum (?:it|this|everything)(?: all)? up|wrap (?:it|this) up"), 3.0),
        (_cue(r"board|ceo|cmo|leadership|exec\w*|one slide|need to know|mean for us|recommend overall"), 1.5),
        (_cue(r"overall (?:marketing )?performance|what would you recommend"), 1.5),
    ],
    "help": [
        (
            _cue(
                r"help(?! me (?:write|draft|design|book|negotiate|name|pick|choose|plan my|fix my))|hlep|what can you do|what else can you do|capabilities|examples?|getting started|user guide"
            ),
            3.0,
        ),
        (
            _cue(
                r"how does this work|how do you (?:calculate|compute|measure|estimate)|how is the model (?:built|made)"
            ),
            3.0,
        ),
        (_cue(r"how do i"), 1.0),
        (
            _cue(r"what is (?:an? |the )?(?:mmm|adstock|mixwise|response curve|half saturation|baseline|marginal roi)"),
            3.5,
        ),
        (_cue(r"what(?:'s| is) an? \w+|what does (?!all|this|it)\w+(?: \w+)? mean|means\??$"), 3.5),
        (
            _cue(
                r"^(?:what(?:'s| is)|explain|define) (?:an? )?(?:roi|roas|i?roas|mroi|cac|cpa|adstock|carry-?over|mmm|saturation|contribution|baseline"
                r"|incrementality|decomp|decomposition)\??$"
            ),
            4.0,
        ),
        (_cue(r"how does (?:this|mixwise|it|the tool|the model) work"), 3.0),
        (_cue(r"explain \w+ to me|explain what|what questions|what kind of questions|where do i start"), 2.5),
        (_cue(r"^(?:hi|hello|hey|hey there|menu|commands|\?)$|^hi |^hello|^hey "), 3.0),
        (_cue(r"upload|load my|export|what data do you need|walk me through"), 2.0),
    ],
    "out_of_scope": [
        (_cue(r"weather|rain|snow|temperature|poem|poetry|limerick|haiku|song|sing|joke|story|recipe|cook\w*"), 3.0),
        (_cue(r"dinner|lunch|pizza|restaurant|calories|hotel|vacation|travel|stock price|stocks?|bitcoin"), 3.0),
        (_cue(r"crypto|exchange rate|capital of|president|prime minister|world cup|football|soccer|game last"), 3.0),
        (
            _cue(r"score|movie|netflix|tv show|music|station|password|printer|wifi|email|cover letter|tweet|ad copy"),
            3.0,
        ),
        (
            _cue(
                r"translate|reminder|time is it|meaning of life|hack\w*|mount \w+|how tall|who (?:won|will win)",
                r"who is (?:the )?(?:president|prime minister|king|queen|ceo of)",
            ),
            3.0,
        ),
        (_cue(r"write (?:me )?(?:a|an) (?:python|script|poem|song|essay|story|email|tweet)|python script"), 3.0),
    ],
}

# Broader vocabulary per intent (synonyms a CMO or analyst uses), weight 2 unless stated.
_BROADER: dict[str, tuple[str, ...]] = {
    "roi": (
        r"payback|pay back|pays for itself|bang for (?:the|our) buck|what kind of return|cpa|cost per acquisition",
        r"(?:revenue|sales|return) per (?:dollar|euro|pound)|a dollar of \w+(?: \w+)? bring in|\w+ returns\??$",
    ),
    "compare_channels": (
        r"underperform\w*|overperform\w*|winner|losers?|better bet|which (?:is|one is) (?:better|stronger|best)",
        r"least (?:efficient|effective)|most effective|laggards?|lagging|sort (?:the )?channels",
        r"highest|lowest|biggest|smallest|heavy lifting|in order of",
    ),
    "saturation": (
        r"absorb|capacity|ceiling|cap(?:ped)? out|upside|scale up|flat part|too much (?:money|spend)",
        r"more (?:spend|money) (?:help|work)|extra spend (?:help|work)|oversaturat\w*|room (?:left|for more)",
        r"room to scale|take more (?:budget|money|spend)|worth it at this point|steepest|before it flattens",
    ),
    "contribution": (
        r"portion|proportion|percentage of (?:sales|revenue)|credit for|zero (?:marketing|media|advertising)",
        r"without (?:any )?(?:marketing|media|advertising|ads)|due to (?:media|marketing|advertising)",
        r"versus media|vs media|combined",
    ),
    "budget_scenario": (
        r"simulat\w*|imagine|suppose|hypothetical\w*|what would happen",
        r"if we (?:were to|had|spent|spend|put|gave|give|add|added|drop|dropped|reduce|reduced|raise|raised)",
        r"impact of (?:cutting|increasing|raising|reducing|doubling|halving|shifting|moving)|effect of (?:cutting|adding)",
    ),
    "budget_optimize": (
        r"best way to (?:spend|use|allocate|split|invest|divide)|ideal (?:mix|split|allocation|plan|budget)",
        r"how should (?:we|i) (?:spend|split|allocate|divide|invest)|what should (?:we|i) change",
        r"recommended (?:budget|allocation|split|mix|plan)|max(?:imum)? sales for|optimal plan|efficient frontier",
        r"budget be (?:split|allocated|spent|divided)|budget mix|where do we put it|reallocation|optimi[sz]er",
    ),
    "period_drivers": (r"root cause|reasons? for|what made|decline|slump\w*|surge\w*|caused", r"what'?s behind"),
    "forecast": (
        r"projecting|going to be|sales going|see sales|trajectory|will we land|where will we",
        r"anticipat\w*",
    ),
    "model_quality": (
        r"explain sales|how well does the model|reliable enough|bias(?:ed)?|calibrat\w*|robust\w*",
        r"sanity check (?:of|on) the model|model (?:error|performance|quality)",
        r"error bars|statistically|over-?credit\w*|under-?credit\w*",
    ),
    "data_quality": (
        r"bad data|data (?:issues?|problems?)|wrong with (?:the |my )?data|anomal\w*|missing spend|weeks with (?:no|missing)",
        r"data coverage|incomplete|validation warnings?|rows and columns|spend columns|file",
    ),
    "executive_summary": (
        r"rundown|bullets?|in a nutshell|key points|debrief|one paragraph|in (?:a|one) sentence|briefing",
        r"what did we learn|take ?away|so what should we do|for my boss|simply",
    ),
    "help": (
        r"what (?:sort|kinds?) of (?:things|questions)|can you answer|what are you able|how do i ask",
        r"instructions|tutorial|documentation|docs|faq|commands|^yo$|how the analysis works",
    ),
    "out_of_scope": (
        r"news|book|novel|lyrics|horoscope|dating|medical|doctor|lawyer|legal advice|homework|celebrity|sports",
    ),
}
for _intent, _patterns in _BROADER.items():
    CUES[_intent].append((_cue(*_patterns), 2.0))

# Wordings found missing by cross-validation on the (grown) training questions, weight 2.5; a few Spanish and
# German words for the commonest asks.
_MORE: dict[str, tuple[str, ...]] = {
    "roi": (r"(?:per|each|every|one|a) (?:pound|euro|quid)|what multiple|retorno|rentab\w*",),
    "compare_channels": (r"star performer|side by side|league table|scorecard|mejor canal|canal funciona mejor",),
    "saturation": (
        r"hit(?:ting)? a wall|shrinking|(?:another|one more|extra|additional) (?:dollar|pound|euro)",
        r"the next \d+\w*(?: \w+)? (?:in|on|of|into)|point of no return|still (?:lift|help|productive|add)\w*",
    ),
    "contribution": (r"share of (?:the )?(?:incremental )?(?:revenue|sales|volume)|contribuci\w+|ventas de",),
    "budget_optimize": (
        r"plan for (?:\$|€|£)?\d+\w*|best use of|most efficient plan|do the most good|least damage",
        r"presupuesto|repart\w+|budget ?verteilung",
    ),
    "period_drivers": (
        r"change in (?:sales|revenue)|(?:contributed|led) to the (?:decline|drop|growth|rise|increase|dip|fall)",
        r"por qu[eé]|warum",
    ),
    "forecast": (r"on track to|run rate|pron[oó]stico|prognose",),
    "model_quality": (
        r"(?:error|errors|off|wrong|accurate) (?:\w+ )?(?:in |are |is )?(?:the )?predictions?|how far off",
        r"posterior predictive|effective sample size|ess|chains?|identif\w*|well specified|significan\w*",
        r"preciso|genau",
    ),
    "executive_summary": (
        r"so what|in short|conclude[ds]?|learnings|key messages|what the model says|in a few lines|resumen",
        r"zusammenfassung|cliff notes",
    ),
    "help": (
        r"how (?:is|are) (?:the )?\w+ (?:calculated|computed|built|estimated|made|measured)|difference between",
        r"what do (?:the )?\w+ mean|phrase|guide|options\??$|who are you|good (?:morning|afternoon|evening)",
        r"how do i (?:change|upload|load|add|use|export|ask|get|start)|qu[eé] puedes|was kannst du",
    ),
    "out_of_scope": (r"taxes|sourdough|salary|salaries|competitors?|competition|pdf|headcount",),
}
for _intent, _patterns in _MORE.items():
    CUES[_intent].append((_cue(*_patterns), 2.5))

# Marketing jargon the training questions rarely use, and the senses of words that are only sometimes out of scope
# (a media 'flight' is not travel; 'help me write a job ad' is not a help question), weight 3.
_JARGON: dict[str, tuple[str, ...]] = {
    "roi": (
        r"cac|customer acquisition costs?|cost per acquired customer|i-?roas|accretive|dilutive|payback (?:period|window)|pay(?:s)? back (?:inside|within|in)",
    ),
    "contribution": (
        r"incrementality|how incremental|decomps?|(?:sales|revenue|volume) (?:up)?lift from|(?:up)?lift from \w+$",
        r"riding the base|incremental (?:lift|bit|part|share)",
    ),
    "saturation": (r"mroas|marginal roas",),
    "help": (r"(?:stand|stands) for|what do (?:you|they|we) mean by",),
    "out_of_scope": (
        r"share of voice|sov|halo|flighting|always-on|bursts?|reach and frequency|reach (?:&|/) frequency",
        r"flights? (?:to|from|for me)|(?:book|find)(?: me)? a (?:cheap )?flight|cheap flights?|airlines?|airport",
        r"sue (?:the|a|an|our|my|them|him|her|someone|somebody|us|for)|lawsuit|legal action",
        r"help me (?:write|draft|design|book|negotiate|name|pick|choose|plan my|fix my)",
        r"job (?:ad|advert|post|posting|description|offer|interview)|recruit\w*|hiring|press release|linkedin",
        r"fire (?:an|our|the|my|a) \w+|wedding|logo|slogan|tagline|caption|crm|super bowl|olympics",
    ),
}
for _intent, _patterns in _JARGON.items():
    CUES[_intent].append((_cue(*_patterns), 3.0))

# Bonus for out_of_scope when a question has no domain word and no analysis cue (5-fold CV on the training set).
OUT_OF_SCOPE_BONUS = 2.0

# Vocabulary of the domain; a question with none of it (and no analysis cue) is probably out of scope.
DOMAIN_WORDS = _cue(
    r"roi|roas|sales|revenue|kpi|spend\w*|budget\w*|channels?|media|marketing|ads?|advertising|model\w*|data",
    r"forecast\w*|saturat\w*|contribut\w*|summar\w*|optimi[sz]\w*|allocat\w*|campaign\w*|mmm|mix|incremental",
    r"q[1-4]|quarter|performance|return\w*|baseline|help|brief|cmo|ceo|board|insights?|takeaways|what if",
    r"scenario|plan|profit\w*|invest\w*|dollars?|money|numbers|results|findings|outlook|predict\w*|mixwise",
    r"analy[sz]\w*|conclu\w*|perform\w*|posterior|learnings|efficien\w*|ventas|canal|modelo|datos|presupuesto",
)


def has_domain_words(text: str, entities: Entities) -> bool:
    """True when the question names a channel, a period, a spend change, an analysis cue or a marketing-mix word."""
    if entities.channels or entities.negated or entities.pct is not None or entities.period or entities.amount:
        return True
    if DOMAIN_WORDS.search(text):
        return True
    return any(p.search(text) for intent, cues in CUES.items() if intent != "out_of_scope" for p, _ in cues)


def rule_scores(text: str, entities: Entities, classes: list[str]) -> dict[str, float]:
    """Log-odds bonuses per intent from keyword cues and entity structure.

    Args:
        text: Normalised, typo-corrected question.
        entities: Entities extracted from it.
        classes: Intent names to score.

    Returns:
        intent -> bonus (0 when no cue fires).
    """
    bonus = dict.fromkeys(classes, 0.0)
    text = drop_set_aside(text)  # 'ignoring saturation, ...' must not vote for saturation
    for intent, cues in CUES.items():
        if intent in bonus:
            bonus[intent] += sum(w for pattern, w in cues if pattern.search(text))
    n_channels = len(entities.channels)
    if entities.pct is not None and entities.direction in {"cut", "increase", "shift"}:
        bonus["budget_scenario"] = bonus.get("budget_scenario", 0.0) + (2.0 if n_channels else 1.0)
    if entities.direction == "shift" and n_channels >= 2:
        bonus["budget_scenario"] = bonus.get("budget_scenario", 0.0) + 1.5
    if n_channels >= 2 and re.search(_W + r"(?:or|vs\.?|versus|beat|than)" + _X, text):
        bonus["compare_channels"] = bonus.get("compare_channels", 0.0) + 1.5
    if entities.period and "period_drivers" in bonus:
        bonus["period_drivers"] += 0.5
        bonus["forecast"] += 1.0 if entities.period.startswith("next") else 0.0
    if not has_domain_words(text, entities) and "out_of_scope" in bonus:
        bonus["out_of_scope"] += OUT_OF_SCOPE_BONUS
    return bonus
