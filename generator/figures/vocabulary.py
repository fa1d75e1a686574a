"""The pose vocabulary: joints and their ranges, body parts that can touch, props, base poses.

Everything an author may write in a card's ``figure:`` block is named here once;
the JSON Schema (editor completion), the parser, the checks and the drawing all
read these tables. Lengths are fractions of standing height H.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

VIEWS: Final = ("side", "front")

# Segment lengths (Drillis & Contini, tabulated by Winter; see evidence.md).
SHOULDER_HEIGHT: Final = 0.818
HIP_HEIGHT: Final = 0.530
UPPER_ARM: Final = 0.186
FOREARM: Final = 0.146
HAND: Final = 0.108
THIGH: Final = 0.245
SHANK: Final = 0.246
FOOT: Final = 0.152
ANKLE_HEIGHT: Final = 0.039
HEAD: Final = 0.13
SHOULDER_WIDTH: Final = 0.259
HIP_WIDTH: Final = 0.191
TRUNK: Final = SHOULDER_HEIGHT - HIP_HEIGHT  # hip joint to shoulder joint
NECK: Final = 1.0 - HEAD - SHOULDER_HEIGHT  # shoulder line to chin


@dataclass(frozen=True, slots=True)
class Joint:
    """An angle an author may set: its range (degrees) and what positive means."""

    low: float
    high: float
    meaning: str
    checked: bool = True  # the body's orientation in space has no range


# Normal active ranges (AAOS, approximate; evidence.md). Three documented additions:
# ankle dorsiflexion allows 40 degrees, the weight-bearing range of a loaded
# lunge or squat (the table's 20 is the non-weight-bearing range), and hip
# rotation and the neck (not in the table) use the AAOS 45 degrees each way, and trunk
# side bending the AAOS 35.
JOINTS: Final = MappingProxyType(
    {
        "tilt": Joint(
            -180, 180, "lean of the trunk from upright; 90 lies face down, -90 face up", False
        ),
        "roll": Joint(
            -180, 180, "roll of the whole body onto its side; 90 lies on the near side", False
        ),
        "turn": Joint(
            -180, 180, "turn of the whole body about the vertical, towards its far side", False
        ),
        "neck": Joint(-45, 45, "neck flexion, chin towards the chest; negative looks up"),
        "spine": Joint(-25, 80, "trunk flexion; negative arches the back"),
        "twist": Joint(-45, 45, "trunk rotation; positive turns the chest towards the far side"),
        "side-bend": Joint(-35, 35, "trunk side bending; positive bends towards the near side"),
        "hip": Joint(-30, 120, "hip flexion; negative is extension"),
        "hip-abduction": Joint(-30, 45, "leg out to the side; negative crosses the midline"),
        "hip-rotation": Joint(-45, 45, "external rotation; negative is internal"),
        "knee": Joint(0, 135, "knee flexion"),
        "ankle": Joint(-50, 40, "dorsiflexion; negative is plantarflexion (on the toes)"),
        "shoulder": Joint(
            -60, 180, "shoulder flexion (arm forwards and up); negative is extension"
        ),
        "shoulder-abduction": Joint(0, 180, "arm out to the side"),
        "elbow": Joint(0, 150, "elbow flexion"),
    }
)
SIDED: Final = ("hip", "hip-abduction", "hip-rotation", "knee", "ankle", "shoulder",
                "shoulder-abduction", "elbow")  # fmt: skip
SIDES: Final = ("near", "far")
# Every angle name: a sided joint alone sets both sides; near-/far- sets one.
ANGLES: Final = (*JOINTS, *(f"{s}-{j}" for s in SIDES for j in SIDED))


@dataclass(frozen=True, slots=True)
class Part:
    """A body part that can rest on a surface: skeleton points and the flesh around them."""

    points: tuple[str, ...]
    radius: float
    meaning: str


def _sided(name: str, points: tuple[str, ...], radius: float, meaning: str) -> dict[str, Part]:
    """One part for each side and one for both: ``feet``, ``near-foot``, ``far-foot``."""
    plural = {"foot": "feet", "knee": "knees", "hand": "hands", "forearm": "forearms",
              "toes": "toes", "heel": "heels", "ankle": "ankles", "thigh": "thighs", "calf": "calves",
              "hip": "hips", "shoulder": "shoulders"}[name]  # fmt: skip
    near = tuple(f"near-{p}" for p in points)
    far = tuple(f"far-{p}" for p in points)
    parts = {
        f"near-{name}": Part(near, radius, f"{meaning}, near side"),
        f"far-{name}": Part(far, radius, f"{meaning}, far side"),
    }
    parts[plural] = Part(near + far, radius, f"{meaning}, both")
    return parts


PARTS: Final = MappingProxyType(
    {
        **_sided("foot", ("heel", "ball"), 0.015, "the whole sole, flat"),
        **_sided("toes", ("ball",), 0.015, "the ball of the foot, heel up"),
        **_sided("heel", ("heel",), 0.015, "the heel, toes up"),
        **_sided("knee", ("knee",), 0.028, "the knee"),
        **_sided("ankle", ("ankle",), 0.02, "the ankle"),
        **_sided("calf", ("mid-shank",), 0.03, "the back of the lower leg"),
        **_sided("thigh", ("mid-thigh",), 0.036, "the thigh"),
        **_sided("hip", ("hip",), 0.05, "the side of the hip"),
        **_sided("hand", ("hand",), 0.015, "the hand"),
        **_sided("forearm", ("elbow", "wrist"), 0.022, "the forearm, elbow to wrist"),
        **_sided("shoulder", ("shoulder",), 0.045, "the shoulder"),
        "pelvis": Part(("pelvis",), 0.06, "the pelvis: seat, belly or side of the hips"),
        "upper-back": Part(("blades",), 0.055, "the upper back (shoulder blades)"),
        "chest": Part(("chest",), 0.058, "the chest"),
        "head": Part(("head",), 0.065, "the head"),
    }
)


@dataclass(frozen=True, slots=True)
class Prop:
    """A thing the figure touches: a surface it rests on, something held, or a band."""

    kind: str  # "surface", "ball" (rests on the floor, round), "held", "band", "wall", "floor"
    width: float  # across the view (H)
    height: float  # top above the floor, or the diameter of a ball or plate
    meaning: str


PROPS: Final = MappingProxyType(
    {
        "floor": Prop("floor", 0, 0, "the floor"),
        "mat": Prop("floor", 0, 0.012, "an exercise mat on the floor"),
        "box": Prop("surface", 0.3, 0.3, "a plyometric box, about 50 cm"),
        "bench": Prop("surface", 0.3, 0.26, "a flat bench seen from its end, about 45 cm high"),
        "long-bench": Prop(
            "surface", 0.6, 0.26, "a flat bench seen from its side, about 105 cm long"
        ),
        "back-extension-bench": Prop(
            "surface", 0.14, 0.38, "the hip pad of a 45-degree back-extension bench"
        ),
        "step": Prop("surface", 0.22, 0.12, "a step or stair, about 20 cm"),
        "wobble-board": Prop("surface", 0.24, 0.05, "a wobble board"),
        "wall": Prop("wall", 0, 1.5, "a wall"),
        "stability-ball": Prop("ball", 0.37, 0.37, "a 65 cm stability ball"),
        "foam-roller": Prop("ball", 0.086, 0.086, "a 15 cm foam roller"),
        "band": Prop("band", 0, 0, "a resistance band"),
        "dumbbell": Prop("held", 0.06, 0.06, "a dumbbell"),
        "kettlebell": Prop("held", 0.1, 0.1, "a kettlebell"),
        "medicine-ball": Prop("held", 0.13, 0.13, "a medicine ball"),
        "barbell": Prop("held", 0.257, 0.257, "a barbell with full-size plates"),
        "trap-bar": Prop("held", 0.257, 0.257, "a hexagonal trap bar with plates"),
    }
)
SURFACES: Final = tuple(PROPS)


@dataclass(frozen=True, slots=True)
class BasePose:
    """A named starting point: default angles and contacts, adjusted per position."""

    angles: MappingProxyType[str, float]
    contacts: MappingProxyType[str, str]
    meaning: str
    view: str = "side"
    lift: float = 0.0  # height of the lowest point above the floor when nothing touches


def _pose(meaning: str, contacts: dict[str, str], view: str = "side", lift: float = 0.0,
          **angles: float) -> BasePose:  # fmt: skip
    named = {k.replace("_", "-"): v for k, v in angles.items()}
    return BasePose(MappingProxyType(named), MappingProxyType(contacts), meaning, view, lift)


FEET = {"feet": "floor"}
BASE_POSES: Final = MappingProxyType(
    {
        "standing": _pose("upright on both feet, arms by the sides", FEET),
        "split-stance": _pose(
            "one foot forward, the back foot on its toes",
            {"near-foot": "floor", "far-toes": "floor"},
            near_hip=25,
            near_knee=10,
            far_hip=-20,
            far_knee=15,
            far_ankle=-30,
            shoulder=5,
        ),
        "lunge": _pose(
            "long split stance, both knees bent near 90 degrees",
            {"near-foot": "floor", "far-toes": "floor"},
            tilt=5,
            near_hip=90,
            near_knee=90,
            far_hip=-10,
            far_knee=95,
            far_ankle=-35,
        ),
        "squat": _pose(
            "hips back and down, thighs near level", FEET, tilt=40, hip=110, knee=110, shoulder=70
        ),
        "hinge": _pose(
            "hips pushed back, trunk leaning forward, knees soft",
            FEET,
            tilt=65,
            hip=70,
            knee=15,
            shoulder=65,
        ),
        "single-leg-stance": _pose(
            "standing on the near leg, the far knee lifted",
            {"near-foot": "floor"},
            far_hip=60,
            far_knee=80,
        ),
        "plank": _pose(
            "face down on the forearms and toes, body straight",
            {"forearms": "floor", "toes": "floor"},
            tilt=90,
            shoulder=90,
            elbow=90,
        ),
        "high-plank": _pose(
            "face down on the hands and toes, arms straight",
            {"hands": "floor", "toes": "floor"},
            tilt=70,
            shoulder=70,
        ),
        "side-plank": _pose(
            "on the near forearm and the sides of the feet, body straight",
            {"near-forearm": "floor", "near-foot": "floor"},
            view="front",
            roll=72,
            near_shoulder_abduction=70,
            near_elbow=90,
            near_shoulder=0,
        ),
        "side-lying": _pose(
            "lying on the near side",
            {"near-hip": "floor", "near-shoulder": "floor"},
            view="front",
            roll=90,
        ),
        "supine": _pose(
            "lying on the back",
            {"pelvis": "floor", "upper-back": "floor", "head": "floor"},
            tilt=-90,
        ),
        "hook-lying": _pose(
            "on the back, knees bent, feet flat",
            {"pelvis": "floor", "upper-back": "floor", "feet": "floor"},
            tilt=-90,
            hip=50,
            knee=100,
        ),
        "prone": _pose(
            "lying face down",
            {"pelvis": "floor", "chest": "floor", "toes": "floor"},
            tilt=90,
            shoulder=170,
            ankle=-40,
        ),
        "kneeling": _pose(
            "upright on both knees", {"knees": "floor", "toes": "floor"}, knee=90, ankle=-40
        ),
        "half-kneeling": _pose(
            "the far knee down, the near foot forward",
            {"near-foot": "floor", "far-knee": "floor", "far-toes": "floor"},
            near_hip=90,
            near_knee=90,
            far_hip=-5,
            far_knee=90,
            far_ankle=-40,
        ),
        "all-fours": _pose(
            "on the hands and knees",
            {"hands": "floor", "knees": "floor", "toes": "floor"},
            tilt=62,
            hip=62,
            knee=90,
            shoulder=62,
            ankle=-40,
        ),
        "seated": _pose(
            "sitting on the floor, knees bent, feet flat",
            {"pelvis": "floor", "feet": "floor"},
            tilt=-15,
            hip=115,
            knee=86,
            shoulder=55,
            elbow=10,
        ),
        "airborne": _pose(
            "in the air, nothing touching", {}, lift=0.12, hip=20, knee=30, ankle=-30
        ),
    }
)

# Where each muscle of muscles.yaml sits on the skeleton: (segment, from, to) along it.
MUSCLE_SEGMENTS: Final = MappingProxyType(
    {
        "quadriceps": (("thigh", 0.15, 0.85),),
        "hamstrings": (("thigh", 0.2, 0.85),),
        "adductors": (("thigh", 0.05, 0.6),),
        "hip-flexors": (("lumbar", 0.0, 0.5), ("thigh", 0.0, 0.25)),
        "glute-max": (("thigh", 0.0, 0.3), ("lumbar", 0.0, 0.2)),
        "glute-med": (("thigh", 0.0, 0.2),),
        "deep-hip-rotators": (("thigh", 0.0, 0.15),),
        "gastrocnemius": (("shank", 0.1, 0.5),),
        "soleus": (("shank", 0.3, 0.75),),
        "achilles-tendon": (("shank", 0.7, 1.0),),
        "tibialis-anterior": (("shank", 0.1, 0.7),),
        "tibialis-posterior": (("shank", 0.4, 0.85),),
        "peroneals": (("shank", 0.2, 0.8),),
        "foot-intrinsics": (("foot", 0.0, 1.0),),
        "toe-flexors": (("foot", 0.5, 1.0),),
        "rectus-abdominis": (("lumbar", 0.0, 1.0), ("thorax", 0.0, 0.5)),
        "transverse-abdominis": (("lumbar", 0.0, 1.0),),
        "obliques": (("lumbar", 0.0, 1.0), ("thorax", 0.0, 0.4)),
        "erector-spinae": (("lumbar", 0.0, 1.0), ("thorax", 0.0, 0.6)),
        "quadratus-lumborum": (("lumbar", 0.0, 1.0),),
        "upper-back": (("thorax", 0.5, 1.0),),
        "lats": (("thorax", 0.3, 0.9), ("upper-arm", 0.0, 0.2)),
        "chest": (("thorax", 0.55, 0.95),),
        "shoulders": (("upper-arm", 0.0, 0.35),),
        "forearms": (("forearm", 0.05, 0.9),),
    }
)

# Frame limits: every position of a card shares one frame at most this size (H).
FRAME_WIDTH: Final = 2.6
FRAME_HEIGHT: Final = 1.75
TOLERANCE: Final = 0.03  # how far (H, about 5 cm) a contact may miss its surface
