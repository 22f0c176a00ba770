import factory

from qc.models import QcCheck, QcResult


class QcResultFactory(factory.django.DjangoModelFactory[QcResult]):
    class Meta:
        model = QcResult

    draft_id = factory.Sequence(lambda n: f"draft_{n:026d}")
    brief_id = factory.Sequence(lambda n: f"brief_{n:026d}")
    pack = "quick_social_basic"
    passed = True
    score = 100
    status = QcResult.Status.CURRENT
    idempotency_key = factory.Sequence(lambda n: f"run_{n}:qc_evaluate")


class QcCheckFactory(factory.django.DjangoModelFactory[QcCheck]):
    class Meta:
        model = QcCheck

    result = factory.SubFactory(QcResultFactory)
    position = factory.Sequence(lambda n: n)
    check_id = "sections_present"
    severity = QcCheck.Severity.BLOCKER
    status = QcCheck.Status.PASS
    section = "draft"
    message = factory.Faker("sentence")
    fix = ""
