#include "core/error.hpp"

#include <cerrno>
#include <cstring>

#include "core/i18n.hpp"

namespace ububiko {

std::string Place::to_string() const {
    std::string out = file;
    if (line > 0) {
        out += ":" + std::to_string(line);
        if (column > 0) out += ":" + std::to_string(column);
    }
    if (!field.empty()) {
        if (!out.empty()) out += ": ";
        out += tr("champ « ", "field '") + field + tr(" »", "'");
    }
    return out;
}

namespace {
std::string compose(const std::string& message, const Place& place) {
    if (place.empty()) return message;
    return place.to_string() + ": " + message;
}
}  // namespace

Error::Error(ErrorCode code, const std::string& message, Place place)
    : std::runtime_error(compose(message, place)),
      m_code(code),
      m_message(message),
      m_place(std::move(place)) {}

int exit_status(ErrorCode code) {
    switch (code) {
        case ErrorCode::invalid_input: return 2;
        case ErrorCode::not_found: return 3;
        case ErrorCode::conflict: return 4;
        case ErrorCode::busy: return 5;
        case ErrorCode::corrupt: return 6;
        case ErrorCode::io: return 7;
        case ErrorCode::unsupported: return 8;
        case ErrorCode::internal: return 70;
    }
    return 70;
}

const char* code_name(ErrorCode code) {
    switch (code) {
        case ErrorCode::invalid_input: return "invalid-input";
        case ErrorCode::not_found: return "not-found";
        case ErrorCode::conflict: return "conflict";
        case ErrorCode::busy: return "busy";
        case ErrorCode::corrupt: return "corrupt";
        case ErrorCode::io: return "io";
        case ErrorCode::unsupported: return "unsupported";
        case ErrorCode::internal: return "internal";
    }
    return "internal";
}

std::string system_error_text(int err) {
    if (language() == Language::fr) {
        switch (err) {
            case ENOSPC: return "disque plein : libérez de la place puis recommencez";
            case EDQUOT: return "quota de disque dépassé";
            case EACCES:
            case EPERM: return "permission refusée";
            case EROFS: return "disque en lecture seule";
            case ENOENT: return "fichier ou dossier introuvable";
            case ENOTDIR: return "un élément du chemin n'est pas un dossier";
            case EISDIR: return "c'est un dossier";
            case EEXIST: return "existe déjà";
            case EIO: return "erreur d'entrée-sortie (disque ou clé USB défaillant ?)";
            case ENAMETOOLONG: return "nom trop long";
            case EMFILE:
            case ENFILE: return "trop de fichiers ouverts";
            case ENOMEM: return "mémoire insuffisante";
            case EBUSY: return "ressource occupée";
            case EXDEV: return "déplacement impossible d'un disque à un autre";
            case ENOTEMPTY: return "dossier non vide";
            case ELOOP: return "trop de liens symboliques";
            case EFBIG: return "fichier trop grand";
            default: break;
        }
    }
    return std::strerror(err);
}

}  // namespace ububiko
