"""The Kubernetes manifests (deploy/k8s/) are valid objects of the Kubernetes version we
deploy on, checked by kubernetes-validate against that version's schemas, strictly (a
misspelt field is an error, not ignored); and every Deployment scales and survives a
node drain: a HorizontalPodAutoscaler and a PodDisruptionBudget of its own."""

from __future__ import annotations

from pathlib import Path

import kubernetes_validate
import pytest
import yaml

K8S = Path(__file__).resolve().parents[3] / "deploy" / "k8s"
KUBERNETES_VERSION = "1.34.0"  # the cluster version the manifests are written for
# A patch of the ingress-nginx controller's own ConfigMap, not an object to apply: checked
# as the ConfigMap it becomes.
CONTROLLER_PATCH = K8S / "ingress-nginx" / "controller-config.yaml"


def objects() -> list[tuple[str, dict]]:
    found = []
    for path in sorted(K8S.glob("*.yaml")):
        for number, document in enumerate(yaml.safe_load_all(path.read_text())):
            if document is not None:
                found.append((f"{path.name}#{number}", document))
    patch = yaml.safe_load(CONTROLLER_PATCH.read_text())
    found.append((CONTROLLER_PATCH.name, {
        "apiVersion": "v1", "kind": "ConfigMap",
        "metadata": {"name": "ingress-nginx-controller", "namespace": "ingress-nginx"}, **patch}))
    return found


def of_kind(kind: str) -> dict[str, dict]:
    return {document["metadata"]["name"]: document for _, document in objects()
            if document["kind"] == kind}


@pytest.mark.parametrize(("where", "document"), objects(), ids=[where for where, _ in objects()])
def test_every_manifest_is_a_valid_object_of_the_pinned_kubernetes_version(where, document):
    kubernetes_validate.validate(document, KUBERNETES_VERSION, strict=True)


def test_a_misspelt_field_fails_the_validation():
    deployment = dict(next(iter(of_kind("Deployment").values())))
    deployment["spec"] = {**deployment["spec"], "replica": 2}

    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(deployment, KUBERNETES_VERSION, strict=True)


def test_each_deployment_has_its_autoscaler_and_disruption_budget():
    deployments = of_kind("Deployment")
    autoscalers, budgets = of_kind("HorizontalPodAutoscaler"), of_kind("PodDisruptionBudget")
    assert len(deployments) == 9  # a web and a worker for each of the four services, the portal's web

    for name, deployment in deployments.items():
        assert "replicas" not in deployment["spec"], f"{name}: the autoscaler sets replicas"
        scaler = autoscalers[name]["spec"]
        assert scaler["scaleTargetRef"] == {"apiVersion": "apps/v1", "kind": "Deployment",
                                            "name": name}
        assert 2 <= scaler["minReplicas"] < scaler["maxReplicas"]
        budget = budgets[name]["spec"]
        assert budget["selector"]["matchLabels"] == deployment["spec"]["selector"]["matchLabels"]
        # One pod may go at a time, never the last: a drain waits rather than stopping it.
        assert budget["minAvailable"] == 1 < scaler["minReplicas"]
    assert set(autoscalers) == set(budgets) == set(deployments)
