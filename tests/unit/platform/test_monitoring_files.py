"""The monitoring files say what exists: the alert rules pass promtool and its tests, every
alert has a runbook line in the README, the dashboard and the rules ask only for metrics
the platform declares, every pod is annotated for scraping on the port it serves
metrics on, and /metrics is closed at the HTTP front and the Ingress."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from shared.config import SERVICE_PORTS, WORKER_METRICS_PORTS
from shared.observability import catalogue
from tests.support.prometheus import promtool

ROOT = Path(__file__).resolve().parents[3]
PROMETHEUS = ROOT / "deploy" / "prometheus"
GRAFANA = ROOT / "deploy" / "grafana"
DASHBOARD = GRAFANA / "dashboards" / "vidnova.json"
K8S = ROOT / "deploy" / "k8s"
METRIC = re.compile(r"\b(vidnova_[a-z_]+|up)\b")
SERIES_SUFFIXES = ("_bucket", "_count", "_sum")


def rules() -> list[dict]:
    return [rule for group in yaml.safe_load((PROMETHEUS / "alerts.yml").read_text())["groups"]
            for rule in group["rules"]]


def dashboard_expressions() -> list[str]:
    panels = json.loads(DASHBOARD.read_text())["panels"]
    return [target["expr"] for panel in panels for target in panel.get("targets", [])]


def declared(name: str) -> bool:
    names = {spec.name for spec in catalogue.EVERYTHING} | {"up"}
    return name in names or any(name.endswith(suffix) and name.removesuffix(suffix) in names
                                for suffix in SERIES_SUFFIXES)


def test_the_alert_rules_pass_promtool():
    checked = promtool("check", "rules", str(PROMETHEUS / "alerts.yml"))

    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_each_alert_fires_on_its_figures_and_not_on_healthy_ones():
    tested = promtool("test", "rules", str(PROMETHEUS / "tests" / "alerts.test.yml"))

    assert tested.returncode == 0, tested.stdout + tested.stderr
    written = yaml.safe_load((PROMETHEUS / "tests" / "alerts.test.yml").read_text())
    firing = {case["alertname"] for test in written["tests"] for case in test["alert_rule_test"]
              if case["exp_alerts"]}
    assert firing == {rule["alert"] for rule in rules()}


def test_every_alert_has_a_runbook_line_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("### Alerts and what to do"):]
    for rule in rules():
        assert f"`{rule['alert']}`" in section, rule["alert"]
        assert rule["annotations"]["runbook"] == "README.md#alerts-and-what-to-do"


@pytest.mark.parametrize("source", ["dashboard", "alerts"])
def test_every_metric_asked_for_is_one_the_platform_declares(source):
    expressions = dashboard_expressions() if source == "dashboard" else [r["expr"] for r in rules()]
    asked = {name for expression in expressions for name in METRIC.findall(expression)}

    assert asked and {name for name in asked if not declared(name)} == set()


def test_the_dashboard_asks_for_every_figure_the_issue_names():
    asked = " ".join(dashboard_expressions())

    for spec in catalogue.EVERYTHING:
        assert spec.name in asked, spec.name


def test_the_dashboard_reads_the_provisioned_prometheus():
    source = yaml.safe_load((GRAFANA / "provisioning" / "datasources" / "prometheus.yml").read_text())
    [datasource] = source["datasources"]
    panels = [panel for panel in json.loads(DASHBOARD.read_text())["panels"] if panel["type"] != "row"]

    assert {panel["datasource"]["uid"] for panel in panels} == {datasource["uid"]}


# -- where the metrics are served ---------------------------------------------------------

def deployments() -> dict[str, dict]:
    found = {}
    for service in SERVICE_PORTS:
        for doc in yaml.safe_load_all((K8S / f"{service}.yaml").read_text()):
            if doc and doc["kind"] == "Deployment":
                found[doc["metadata"]["name"]] = doc
    return found


def test_every_pod_is_annotated_for_scraping_on_the_port_it_serves_metrics_on():
    for name, deployment in deployments().items():
        service, _, process = name.rpartition("-")
        template = deployment["spec"]["template"]
        annotations = template["metadata"]["annotations"]
        [container] = template["spec"]["containers"]
        ports = {port["containerPort"] for port in container.get("ports", [])}
        expected = SERVICE_PORTS[service] if process == "web" else WORKER_METRICS_PORTS[service]
        assert annotations["prometheus.io/scrape"] == "true", name
        assert annotations["prometheus.io/path"] == "/metrics", name
        assert int(annotations["prometheus.io/port"]) == expected and expected in ports, name


def test_workers_listen_for_scrapes_beyond_their_loopback_in_containers():
    configmap = yaml.safe_load((K8S / "config.yaml").read_text())["data"]
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())

    assert configmap["VIDNOVA_WORKER_METRICS_HOST"] == "0.0.0.0"
    for service in SERVICE_PORTS:
        worker = compose["services"][f"{service}-worker"]["environment"]
        assert worker["VIDNOVA_WORKER_METRICS_HOST"] == "0.0.0.0"


def test_compose_prometheus_scrapes_every_web_and_worker_and_loads_the_rules():
    config = yaml.safe_load((PROMETHEUS / "prometheus.yml").read_text())
    targets = {(name, sd["port"]) for job in config["scrape_configs"]
               for sd in job["dns_sd_configs"] for name in sd["names"]}

    assert targets == ({(f"{s}-web", port) for s, port in SERVICE_PORTS.items()}
                       | {(f"{s}-worker", port) for s, port in WORKER_METRICS_PORTS.items()})
    assert all(job["job_name"].startswith("vidnova") for job in config["scrape_configs"])
    assert config["rule_files"] == ["/etc/prometheus/alerts.yml"]


def test_compose_monitoring_runs_behind_a_profile_on_the_hosts_loopback_only():
    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]

    for name in ("prometheus", "grafana"):
        assert services[name]["profiles"] == ["monitoring"]
        assert all(port.startswith("127.0.0.1:") for port in services[name]["ports"])
    assert "./deploy/prometheus:/etc/prometheus:ro" in services["prometheus"]["volumes"]


def test_the_http_front_answers_metrics_itself_with_a_404():
    template = (ROOT / "deploy" / "nginx" / "templates" / "default.conf.template").read_text()

    assert re.search(r"location = /metrics \{\s*return 404;\s*\}", template)


def test_the_ingress_refuses_metrics_on_every_services_host():
    ingresses = [doc for doc in yaml.safe_load_all((K8S / "ingress.yaml").read_text())
                 if doc and doc["kind"] == "Ingress"]
    closed = [i for i in ingresses if any(path["path"] == "/metrics" for rule in i["spec"]["rules"]
                                          for path in rule["http"]["paths"])]
    hosts = {rule["host"] for i in ingresses for rule in i["spec"]["rules"]}

    [ingress] = closed
    assert ingress["metadata"]["annotations"][
        "nginx.ingress.kubernetes.io/whitelist-source-range"] == "127.0.0.1/32"
    assert {rule["host"] for rule in ingress["spec"]["rules"]} == hosts
    assert all(path["pathType"] == "Exact" for rule in ingress["spec"]["rules"]
               for path in rule["http"]["paths"])
