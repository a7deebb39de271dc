"""The names :mod:`cramps` exports, with their types: the one list of them.

``cramps/__init__.py`` reads this file to export each name lazily from its module, and
type checkers read it for the types. Add a public name here, one per line.
"""

from cramps import scoring as scoring
from cramps.amount import Amount as Amount
from cramps.amount import Unit as Unit
from cramps.assessment import Assessment as Assessment
from cramps.assessment import GapFood as GapFood
from cramps.assessment import NutrientStatus as NutrientStatus
from cramps.citations import Citation as Citation
from cramps.codes import Code as Code
from cramps.codes import CodeSystem as CodeSystem
from cramps.data_schema import schema as schema
from cramps.errors import CrampsError as CrampsError
from cramps.errors import DataError as DataError
from cramps.errors import NoReferenceError as NoReferenceError
from cramps.errors import ProfileError as ProfileError
from cramps.errors import UnknownTermError as UnknownTermError
from cramps.evidence import Claim as Claim
from cramps.evidence import Direction as Direction
from cramps.evidence import Grade as Grade
from cramps.evidence import Relation as Relation
from cramps.explanation import explain as explain
from cramps.factors import Factor as Factor
from cramps.factors import FactorKind as FactorKind
from cramps.food_diary import Diary as Diary
from cramps.food_diary import DiaryEntry as DiaryEntry
from cramps.food_diary import DiaryError as DiaryError
from cramps.food_diary import Intake as Intake
from cramps.food_diary import SupplementEntry as SupplementEntry
from cramps.fuzzy import SearchHit as SearchHit
from cramps.guidance import DISCLAIMER as DISCLAIMER
from cramps.guidance import Guidance as Guidance
from cramps.intakes import DailyTarget as DailyTarget
from cramps.intakes import IntakeKind as IntakeKind
from cramps.intakes import LifeStage as LifeStage
from cramps.intakes import LimitKind as LimitKind
from cramps.knowledge import KnowledgeBase as KnowledgeBase
from cramps.lab_results import LabResult as LabResult
from cramps.lab_results import LabUnitError as LabUnitError
from cramps.lab_tests import LabTest as LabTest
from cramps.lab_tests import LabTests as LabTests
from cramps.loading import default_kb as default_kb
from cramps.loading import load as load
from cramps.nutrients import Nutrient as Nutrient
from cramps.nutrients import NutrientKind as NutrientKind
from cramps.phrases import Reading as Reading
from cramps.profiles import Activity as Activity
from cramps.profiles import Alcohol as Alcohol
from cramps.profiles import Diet as Diet
from cramps.profiles import Profile as Profile
from cramps.profiles import Sex as Sex
from cramps.profiles import SunExposure as SunExposure
from cramps.queries import assess as assess
from cramps.queries import citation as citation
from cramps.queries import claim as claim
from cramps.queries import daily_target as daily_target
from cramps.queries import diary as diary
from cramps.queries import factor as factor
from cramps.queries import factors_for_symptom as factors_for_symptom
from cramps.queries import food as food
from cramps.queries import foods_rich_in as foods_rich_in
from cramps.queries import lab_result as lab_result
from cramps.queries import lab_tests_for as lab_tests_for
from cramps.queries import nutrient as nutrient
from cramps.queries import nutrients_for_symptom as nutrients_for_symptom
from cramps.queries import profile as profile
from cramps.queries import rank as rank
from cramps.queries import read as read
from cramps.queries import read_diary as read_diary
from cramps.queries import relief_for as relief_for
from cramps.queries import remedy as remedy
from cramps.queries import search as search
from cramps.queries import search_foods as search_foods
from cramps.queries import suggest as suggest
from cramps.queries import symptom as symptom
from cramps.queries import triage as triage
from cramps.queries import typical_sources as typical_sources
from cramps.questions import Question as Question
from cramps.ranking import Ranked as Ranked
from cramps.ranking import Ranking as Ranking
from cramps.ranking import Reason as Reason
from cramps.ranking import Score as Score
from cramps.red_flags import RedFlag as RedFlag
from cramps.red_flags import Triage as Triage
from cramps.red_flags import TriageLevel as TriageLevel
from cramps.remedies import Remedy as Remedy
from cramps.remedies import RemedyKind as RemedyKind
from cramps.serialize import from_dict as from_dict
from cramps.serialize import to_dict as to_dict
from cramps.symptoms import Symptom as Symptom

DATA_VERSION: str
__version__: str
