"""Every kit the brief's funded channels without posts get, largest share first."""

from production.generation.channel_kits.events import (
    EventKit,
    event_kit,
)
from production.generation.channel_kits.messages import (
    MessageKit,
    message_kit,
)
from production.generation.channel_kits.plan import (
    funded_channels,
)
from production.generation.channel_kits.podcast import (
    PodcastKit,
    podcast_kit,
)
from production.generation.channel_kits.printed import (
    PrintKit,
    print_kit,
)
from production.generation.channel_kits.search import (
    SearchKit,
    search_kit,
)
from production.generation.context import DraftContext

ChannelKit = SearchKit | MessageKit | EventKit | PrintKit | PodcastKit


def build_kits(ctx: DraftContext) -> tuple[ChannelKit, ...]:
    """Write a kit for each funded channel without posts, largest share first."""
    kits: list[ChannelKit] = []
    for channel in funded_channels(ctx):
        if channel.kind == "search":
            kits.append(search_kit(ctx, channel))
        elif channel.kind in ("whatsapp", "sms"):
            kits.append(message_kit(ctx, channel))
        elif channel.kind == "events":
            kits.append(event_kit(ctx, channel))
        elif channel.kind == "print":
            kits.append(print_kit(ctx, channel))
        else:
            kits.append(podcast_kit(ctx, channel))
    return tuple(kits)
