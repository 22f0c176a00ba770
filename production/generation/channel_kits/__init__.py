"""Ready-to-use content for the funded channels that carry no social posts.

A channel plan can give budget to channels the calendar never posts on: paid search,
WhatsApp and SMS, events and trade fairs, print and podcasts. Each gets a kit here,
written from the brief's own facts and sized by its budget share (:data:`SCALE`):

- search: ad groups with keywords in match types, negative keywords and a responsive
  search ad per group (headlines of at most 30 characters, descriptions of at most
  90, phrased to fit rather than cut);
- WhatsApp and SMS: an opt-in message sequence dated inside the campaign, with a
  consent note (SMS at most 160 GSM-7 characters, each ending "Reply STOP to opt out");
- events: an event plan with what to bring, lead capture and follow-up, and for
  trade fairs the stand demo and meeting booking;
- print: flyer and poster copy, where to place it and an accessibility note;
- podcast: host-read scripts of up to 30 seconds and targeting notes.

Keyword match types are a table column (the Google Ads Editor import layout), not
``[exact]`` brackets: the generator reads any bracket as a placeholder.

The package: ``plan`` (which channels, how much each share buys, shared brief
facts), ``phrasing`` (fitting brief text to a limit), one module per kit
(``search``, ``messages``, ``events``, ``printed``, ``podcast``), ``build`` and
``render``. :func:`build_kits` returns the kits; :func:`kits_markdown` renders
those of some kinds (the campaign pack spreads them over its conversion sections)
and :func:`funded_channels_block` renders all of them with an introduction (the
quick social pack).
"""

from production.generation.channel_kits.build import ChannelKit, build_kits
from production.generation.channel_kits.events import EventKit, EventPlan, event_kit
from production.generation.channel_kits.messages import (
    Message,
    MessageKit,
    message_kit,
    sms_length,
)
from production.generation.channel_kits.phrasing import fit, offer_parts, phrasings
from production.generation.channel_kits.plan import (
    DESCRIPTION_MAX,
    DESCRIPTIONS_PER_AD,
    HEADLINE_MAX,
    HEADLINES_PER_AD,
    KINDS,
    PODCAST_WORDS,
    SCALE,
    SMS_MAX,
    SMS_STOP,
    FundedChannel,
    funded_channels,
    kit_kind,
    kit_size,
)
from production.generation.channel_kits.podcast import (
    PodcastKit,
    PodcastRead,
    podcast_kit,
)
from production.generation.channel_kits.printed import PrintKit, PrintPiece, print_kit
from production.generation.channel_kits.render import (
    funded_channels_block,
    kit_markdown,
    kits_markdown,
)
from production.generation.channel_kits.search import (
    AdGroup,
    Keyword,
    SearchKit,
    search_kit,
)

__all__ = [
    "DESCRIPTIONS_PER_AD",
    "DESCRIPTION_MAX",
    "HEADLINES_PER_AD",
    "HEADLINE_MAX",
    "KINDS",
    "PODCAST_WORDS",
    "SCALE",
    "SMS_MAX",
    "SMS_STOP",
    "AdGroup",
    "ChannelKit",
    "EventKit",
    "EventPlan",
    "FundedChannel",
    "Keyword",
    "Message",
    "MessageKit",
    "PodcastKit",
    "PodcastRead",
    "PrintKit",
    "PrintPiece",
    "SearchKit",
    "build_kits",
    "event_kit",
    "fit",
    "funded_channels",
    "funded_channels_block",
    "kit_kind",
    "kit_markdown",
    "kit_size",
    "kits_markdown",
    "message_kit",
    "offer_parts",
    "phrasings",
    "podcast_kit",
    "print_kit",
    "search_kit",
    "sms_length",
]
