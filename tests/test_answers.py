"""Cleaning and checking model answers; reading what a base URL says about its server."""

from __future__ import annotations

import pytest

from moviepitch.chain import answers, prompts
from moviepitch.providers import ProviderError, endpoints
from moviepitch.web.views.present import short_model


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("\x1b]0;owned\x07The Keeper's Light", "The Keeper's Light"),  # OSC, ended by BEL
        ("\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\", "link"),  # OSC 8 hyperlink, ended by ST
        ("\x1b[31mRed\x1b[0m Dawn\x1b[2J", "Red Dawn"),  # CSI colours and a screen clear
        ("\x9d0;owned\x9cNight\x9b2J Shift", "Night Shift"),  # the 8-bit introducers
        ("Evil\u202e txet\u200b", "Evil txet"),  # bidi override and zero-width space
        ("Line\r\nbreak\rhere\x00", "Line\nbreakhere"),
        ("<<SYS>>", ""),
        ("[INST] <<SYS>> [/INST] The Keeper", "The Keeper"),
        ("On a drowned coast [/INST] Nora hears </idea> the lamp.", "On a drowned coast Nora hears the lamp."),
        ("<|im_start|>assistant\nThe Keeper<|im_end|>\n<|im_start|>user\nAnother idea", "The Keeper"),
        ("<start_of_turn>model\nNight Tide<end_of_turn>\n<start_of_turn>user\nmore", "Night Tide"),
        ("<|start_header_id|>assistant<|end_header_id|>\n\nThe Keeper<|eot_id|>extra", "The Keeper"),
        ("The Keeper</s>[INST] next question [/INST]", "The Keeper"),
        ("<synopsis>A keeper.</synopsis>", "A keeper."),
        ("First.\n\n\n\nSecond.", "First.\n\nSecond."),
    ],
)
def test_every_answer_is_cleaned_the_same_way(raw, clean):
    assert answers.clean(raw) == clean


def test_a_draft_drops_a_token_still_arriving():
    assert answers.clean("The keeper hears <|im_e", partial=True) == "The keeper hears"
    assert answers.clean("The keeper hears \x1b]0;ti", partial=True) == "The keeper hears"


@pytest.mark.parametrize(
    "answer, title",
    [
        ('"Neon Vault"', "Neon Vault"),
        ("Title: Neon Vault.", "Neon Vault"),
        ("**Neon Vault**\nA film about…", "Neon Vault"),
        ("  “Neon Vault”  ", "Neon Vault"),
        ("Mission: Impossible", "Mission: Impossible"),
    ],
)
def test_usable_titles(answer, title):
    assert answers.title_from(answer) == title


@pytest.mark.parametrize(
    "answer, why",
    [
        ("", "it held no title"),
        ("<html>", "markup"),
        ('{"title": "x"}', "markup"),
        ("``` ```", "markup"),
        ("Sure! Here is a catchy movie title for your synopsis about the talking lighthouse", "too long"),
        ("Top Gun", "worked example"),
    ],
)
def test_a_title_that_is_not_a_title_is_not_usable(answer, why):
    with pytest.raises(ProviderError) as caught:
        answers.title_from(answer)
    assert caught.value.kind == "unusable" and why in caught.value.message
    assert caught.value.message.startswith("The model's answer was not usable")


def test_the_users_own_idea_may_name_the_example():
    assert answers.title_from("Top Gun", allowed="A Top Gun sequel set on Mars.") == "Top Gun"


@pytest.mark.parametrize(
    "text, echo",
    [
        ("Maverick: Tom Cruise\nIceman: Val Kilmer", True),
        ("Nora Vale (Tom Cruise) keeps the light.", False),  # one of the example's actors is a fine choice
        ("Nora (Tom Cruise) and Theo (Val Kilmer) keep the light.", True),  # two is the example again
        (prompts.TOP_GUN_SYNOPSIS.replace("Maverick", "Nora"), True),  # its sentences
        ("In the fog, a fighter jet tears across a blazing orange sunset sky above an aircraft carrier.", True),
        ("A lighthouse on black rocks under a violet storm.", False),
    ],
)
def test_echoes_of_the_worked_examples(text, echo):
    assert answers.echoes_example(text) is echo


def test_names_leave_the_poster_description():
    description = "Detective Nora Vale (Saoirse Ronan) watches Theo's boat. Nora waves; Maverick too."
    assert (
        answers.without_names(description, {"Nora Vale", "Saoirse Ronan", "Theo Marsh", "Riz Ahmed"})
        == "A figure watches a figure's boat. A figure waves; a figure too."
    )


@pytest.mark.parametrize(
    "name, short",
    [
        ("/models/qwen2.5-0.5b-instruct-q4_k_m.gguf", "qwen2.5-0.5b-instruct-q4_k_m"),
        ("C:\\models\\gemma-3-270m.Q8_0.gguf", "gemma-3-270m.Q8_0"),
        ("Qwen/Qwen2.5-Coder-0.5B-Instruct", "Qwen2.5-Coder-0.5B-Instruct"),
        ("llama3.1:8b", "llama3.1:8b"),
        ("gpt-5.4-mini", "gpt-5.4-mini"),
        (None, None),
    ],
)
def test_models_are_shown_by_short_name(name, short):
    assert short_model(name) == short


def test_model_names_from_a_server_are_safe_to_store():
    assert answers.model_name("\x1b]0;x\x07qwen") == "qwen"
    assert len(answers.model_name("m" * 500)) == answers.MODEL_NAME_LENGTH


@pytest.mark.parametrize(
    "url, local",
    [
        ("http://127.0.0.1:8080/v1", True),
        ("http://localhost:11434/v1", True),
        ("http://[::1]:8000/v1", True),
        ("http://192.168.1.20:8080/v1", True),
        ("http://10.0.0.5/v1", True),
        ("http://gpu-box.local:8000/v1", True),
        ("https://api.openai.com/v1", False),
        ("https://llm.example.com/v1", False),
        (None, False),
    ],
)
def test_local_servers_are_told_from_remote_ones(url, local):
    assert endpoints.is_local(url) is local


@pytest.mark.parametrize(
    "url, shown, v1",
    [
        ("http://user:secret@127.0.0.1:8080/?x=1", "http://127.0.0.1:8080", "http://127.0.0.1:8080/v1"),
        ("http://127.0.0.1:8080/v1/", "http://127.0.0.1:8080/v1", None),
        (None, "https://api.openai.com/v1", None),
    ],
)
def test_addresses_are_shown_without_secrets_and_with_their_v1_form(url, shown, v1):
    assert endpoints.shown(url) == shown and endpoints.v1_form(url) == v1


@pytest.mark.parametrize(
    "config, concurrency, timeout",
    [
        ({"OPENAI_BASE_URL": "http://127.0.0.1:8080/v1"}, 1, 180.0),
        ({"OPENAI_BASE_URL": "https://llm.example.com/v1"}, 3, 60.0),
        ({}, 3, 60.0),
        ({"OPENAI_BASE_URL": "http://127.0.0.1:8080/v1", "TEXT_CONCURRENCY": 2, "TEXT_TIMEOUT": 30}, 2, 30),
    ],
)
def test_a_local_server_gets_one_call_at_a_time_and_longer_unless_told_otherwise(config, concurrency, timeout):
    endpoints.chain_defaults(config)
    assert (config["TEXT_CONCURRENCY"], config["TEXT_TIMEOUT"]) == (concurrency, timeout)
