"""Monitoring figures as Prometheus metric families (prometheus-client renders them)."""

from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from prometheus_client.core import CollectorRegistry, GaugeMetricFamily
from prometheus_client.registry import Collector

from discountmarket.services.monitoring import Figures

CONTENT_TYPE = CONTENT_TYPE_LATEST.split(";")[0]


class _Snapshot(Collector):
    """One scrape's figures; gauges, since rows change state (a sent dispatch is answered)."""

    def __init__(self, figures: Figures) -> None:
        self.figures = figures

    def collect(self):  # type: ignore[no-untyped-def]
        found = self.figures
        if found.queue_depth is not None:
            depth = GaugeMetricFamily("discountmarket_queue_depth", "Jobs waiting for a worker")
            depth.add_metric([], found.queue_depth)
            yield depth
        deliveries = GaugeMetricFamily(
            "discountmarket_dispatches",
            "Outreach deliveries to stores, by channel and state",
            labels=["channel", "status"],
        )
        for (channel, status), count in sorted(found.dispatches.items()):
            deliveries.add_metric([channel, status], count)
        yield deliveries
        yield _by("discountmarket_mail_messages", "Account mail and notices, by state", found.mail)
        yield _by("discountmarket_inbound_mail", "Mail received, by kind", found.inbound, "kind")


def _by(name: str, about: str, counts: dict[str, int], label: str = "status") -> GaugeMetricFamily:
    family = GaugeMetricFamily(name, about, labels=[label])
    for value, count in sorted(counts.items()):
        family.add_metric([value], count)
    return family


def exposition(figures: Figures) -> bytes:
    registry = CollectorRegistry(auto_describe=False)
    registry.register(_Snapshot(figures))
    return generate_latest(registry)
